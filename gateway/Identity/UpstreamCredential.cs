namespace Smp.Gateway.Identity;

/// <summary>
/// The identity one cluster's servers are shown, built once each time the routes load: for Basic the whole
/// <c>Authorization</c> value (the password read then, from its file or variable), for Negotiate the SPN
/// (null: <c>HTTP/</c> and the host of the destination each request goes to).
/// </summary>
internal sealed record UpstreamCredential(string ClusterId, UpstreamIdentityKind Kind, string? User = null, string? BasicAuthorization = null, string? Spn = null)
{
    public static UpstreamCredential Headers(string clusterId) => new(clusterId, UpstreamIdentityKind.Headers);

    /// <summary>What the gateway presents, in words, for the log and <c>gateway doctor</c>; never the password.</summary>
    public string Describe() => Kind switch
    {
        UpstreamIdentityKind.Basic => $"Basic as {User}",
        UpstreamIdentityKind.Negotiate => $"Negotiate (Kerberos) for {Spn ?? "HTTP/<destination host>"}",
        _ => "X-SMP-* headers only",
    };
}
