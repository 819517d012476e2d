using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// Opens the Issuer's answer (§10): checks <c>X-SMP-Signature</c> over the body as received against the
/// Issuer's published keys (fetching them again once when none matches: a rotation), then decrypts the
/// JWE with the Site key. Plain JSON is taken only from an Issuer reached over HTTPS.
/// </summary>
internal sealed class IssuerAnswerReader(ServerKeyRing issuerKeys, IssuerKeyFetcher fetcher, SiteKey siteKey, Microsoft.Extensions.Options.IOptions<Configuration.GatewayOptions> options)
{
    private static readonly JsonWebTokenHandler Jose = new();

    public async Task<byte[]> ReadAsync(IssuerResponse response)
    {
        byte[]? signature = response.Signature is null ? null : Base64Url.Decode(response.Signature);
        if (signature is null)
        {
            throw new IssuerUnavailableException("the Issuer's answer carries no valid X-SMP-Signature");
        }

        if (!IsSigned(response.Body, signature) && !(await fetcher.FetchAsync() && IsSigned(response.Body, signature)))
        {
            throw new IssuerUnavailableException("the Issuer's answer is not signed by any of its published keys");
        }

        if (response.ContentType == SiteHeaders.JoseContentType)
        {
            try
            {
                var jwe = new JsonWebToken(Encoding.ASCII.GetString(response.Body));
                string json = Jose.DecryptToken(jwe, new TokenValidationParameters { TokenDecryptionKey = siteKey.Decrypting });
                return Encoding.UTF8.GetBytes(json);
            }
            catch (Exception e) when (e is ArgumentException or SecurityTokenException)
            {
                throw new IssuerUnavailableException("the Issuer's answer does not decrypt with this Site's key: " + e.GetType().Name, e);
            }
        }

        if (response.ContentType == SiteHeaders.JsonContentType && options.Value.Site.IssuerUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
        {
            return response.Body;
        }

        throw new IssuerUnavailableException($"the Issuer's answer has content type '{response.ContentType}'; over plain HTTP only {SiteHeaders.JoseContentType} is taken");
    }

    private bool IsSigned(byte[] body, byte[] signature) => issuerKeys.Published.Any(k => k.Verify(body, signature));
}
