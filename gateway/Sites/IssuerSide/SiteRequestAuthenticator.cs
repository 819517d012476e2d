using Smp.Gateway.Diagnostics;
using Smp.Gateway.Http;
using Smp.Gateway.Jose;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Sites.IssuerSide;

/// <summary>
/// The Issuer's checks of a Site request (§10), in order: a known Site, its signature over the body,
/// <c>ts</c> within 300 s and not older than this Issuer's memory of requests seen, an audience the Site may ask for, and last the memory of requests seen, so
/// that only a request that passed everything else is remembered.
/// </summary>
internal sealed class SiteRequestAuthenticator(SiteRegistry sites, SeenSiteRequests seen, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>128 requests of two short strings each fit many times over; 1024 agent ids too.</summary>
    private const int MaxBody = 64 * 1024;

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Sites);

    /// <summary>
    /// Reads, parses and checks a Site request. On a refusal the answer (400 or 403 with its code) is
    /// written and null returned.
    /// </summary>
    public async Task<(SiteRequest Request, RegisteredSite Site)?> AcceptAsync(HttpContext context, bool forTokens)
    {
        byte[]? body = await BoundedBody.ReadAsync(context.Request, MaxBody);
        bool tooMany = false;
        var request = body is null ? null : SiteRequest.TryParse(body, out tooMany);
        if (request is not null && (forTokens ? request.Requests is null : request.Agents is null))
        {
            request = null;
        }

        RegisteredSite? site = null;
        string? refusal = request is null ? (tooMany ? SiteError.BatchTooLarge : NsError.Malformed) : Check(context.Request, body!, request, out site);
        if (refusal is null)
        {
            return (request!, site!);
        }

        GatewayLog.SiteRequestRefused(_logger, refusal, LogText.Escape(request?.Site), context.Connection.RemoteIpAddress?.ToString());
        context.Response.StatusCode = request is null ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
        context.Response.Headers[NsError.HeaderName] = refusal;
        return null;
    }

    /// <summary>Null when the request is authentic; otherwise the <c>X-SMP-NSError</c> code of its 403.</summary>
    private string? Check(HttpRequest http, byte[] body, SiteRequest request, out RegisteredSite? site)
    {
        if (!sites.TryGet(request.Site, out site))
        {
            return SiteError.SiteUnknown;
        }

        string? header = http.Headers[SiteHeaders.SiteSignature].Count == 1 ? http.Headers[SiteHeaders.SiteSignature][0] : null;
        byte[]? signature = header is null ? null : Base64Url.Decode(header);
        if (signature is null || !site.Verify(body, signature))
        {
            return SiteError.SiteSignatureInvalid;
        }

        long now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - request.Ts) > (long)SiteHeaders.TsWindow.TotalSeconds || request.Ts < seen.NotBefore)
        {
            return SiteError.RequestStale;
        }

        if (request.Audience is not null && !IsAllowed(site, request.Audience))
        {
            return SiteError.AudienceNotAllowed;
        }

        return seen.TryRemember(signature, request.Ts) ? null : SiteError.RequestReplayed;
    }

    private static bool IsAllowed(RegisteredSite site, string audience) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/" && site.Audiences.Contains(uri.GetLeftPart(UriPartial.Authority));
}
