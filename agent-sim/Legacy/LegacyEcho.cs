using System.Text.Json;

namespace Smp.AgentSim.Legacy;

/// <summary>Answers with the request-target and every request header it received, so tests can see what the gateway passes on.</summary>
internal static class LegacyEcho
{
    public static async Task Write(HttpContext context)
    {
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
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
