using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Sites.IssuerSide;

/// <summary>
/// Writes the Issuer's answer to a Site (§10): over plain HTTP the JSON is a compact JWE for the Site's
/// key (<c>application/jose</c>), over HTTPS plain JSON; either way <c>X-SMP-Signature</c> is the
/// Issuer's RS256 signature over the body bytes as sent, so the Site checks it before decrypting.
/// </summary>
internal sealed class SiteResponseWriter(ServerKeyRing keys)
{
    private static readonly JsonWebTokenHandler Jose = new();

    public Task WriteAsync(HttpContext context, RegisteredSite site, byte[] json)
    {
        byte[] body;
        if (context.Request.IsHttps)
        {
            body = json;
            context.Response.ContentType = SiteHeaders.JsonContentType;
        }
        else
        {
            body = Encoding.ASCII.GetBytes(Jose.EncryptToken(Encoding.UTF8.GetString(json), site.Encrypting));
            context.Response.ContentType = SiteHeaders.JoseContentType;
        }

        var key = keys.Current;
        byte[] signature = new byte[key.SignatureLength];
        key.Sign(body, signature);
        context.Response.Headers[SiteHeaders.Signature] = Base64Url.Encode(signature);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
