using System.Text.Json;

namespace Smp.AgentSim.Legacy;

/// <summary>
/// Answers with the request-target, every request header it received, the account the caller authenticated as
/// (<c>user</c>, with Basic or Negotiate) and the length of the body it read (<c>bodyLength</c>), so tests can see what
/// the gateway passes on.
/// </summary>
internal static class LegacyEcho
{
    public static async Task Write(HttpContext context)
    {
        long bodyLength = 0;
        var buffer = new byte[16 * 1024];
        for (int read; (read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0;)
        {
            bodyLength += read;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("target", context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget);
        writer.WriteStartObject("headers");
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in context.Request.Headers)
        {
            writer.WriteString(name, string.Join(", ", values.ToArray()));
        }

        writer.WriteEndObject();
        writer.WriteString("user", context.Items[LegacyIdentityGate.UserHeader] as string);
        writer.WriteNumber("bodyLength", bodyLength);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
