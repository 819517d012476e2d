namespace Smp.Gateway.Identity;

/// <summary>What the gateway presents to the servers of one cluster (<c>Metadata:SmpUpstreamIdentity</c>).</summary>
internal enum UpstreamIdentityKind
{
    /// <summary>The <c>X-SMP-*</c> headers only (§12): the server behind trusts the gateway's word.</summary>
    Headers,

    /// <summary><c>Authorization: Basic</c> as the service account, beside the headers.</summary>
    Basic,

    /// <summary><c>Authorization: Negotiate</c> (Kerberos) as the service account, a token per request, beside the headers.</summary>
    Negotiate,
}
