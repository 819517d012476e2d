using System.Buffers;

namespace Smp.Gateway.Http;

/// <summary>
/// Reads a request body of at most a given size, without buffering more than that: null when the body is
/// longer (declared or sent), so callers answer 413 or refuse without reading the rest. The enrollment and the
/// Site's token requests read their bodies here.
/// </summary>
internal static class BoundedBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(request.HttpContext.RequestAborted);
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                byte[] body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
