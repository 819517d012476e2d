using Microsoft.AspNetCore.Http;

namespace Smp.Gateway.Keys;

/// <summary><c>GET /.well-known/smp/keys</c> (§3): the public halves of the signing keys, without authentication.</summary>
internal sealed class JwksEndpoint(ServerKeyRing keys)
{
    public const string Path = "/.well-known/smp/keys";

    public Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/jwk-set+json";
        context.Response.Headers.CacheControl = "public, max-age=300";
        return context.Response.Body.WriteAsync(keys.Jwks).AsTask();
    }
}
