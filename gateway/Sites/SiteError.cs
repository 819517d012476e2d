namespace Smp.Gateway.Sites;

/// <summary>The <c>X-SMP-NSError</c> codes of §10: the Issuer's refusals of a Site, and a Site's own.</summary>
internal static class SiteError
{
    public const string SiteUnknown = "site-unknown";
    public const string SiteSignatureInvalid = "site-signature-invalid";
    public const string RequestStale = "request-stale";
    public const string RequestReplayed = "request-replayed";
    public const string AudienceNotAllowed = "audience-not-allowed";
    public const string BatchTooLarge = "batch-too-large";

    /// <summary>A Site could not get a token from the Issuer for a hello that needs one (503).</summary>
    public const string IssuerUnavailable = "issuer-unavailable";

    /// <summary>Enrollment sent to a Site: agents enroll at the Issuer (404).</summary>
    public const string EnrollAtIssuer = "enroll-at-issuer";
}
