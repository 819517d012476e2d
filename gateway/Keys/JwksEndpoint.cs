namespace Smp.Gateway.Keys;

/// <summary>
/// <c>GET /.well-known/smp/keys</c> (§3): the public halves of the signing keys, without authentication;
/// <c>HEAD</c> answers the same headers without the body.
/// </summary>
internal sealed class JwksEndpoint(ServerKeyRing keys)
{
    public const string Path = "/.well-known/smp/keys";

    public Task HandleAsync(HttpContext context)
    {
        byte[] jwks = keys.Jwks;
        context.Response.ContentType = "application/jwk-set+json";
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.ContentLength = jwks.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        return context.Response.Body.WriteAsync(jwks).AsTask();
    }
}
