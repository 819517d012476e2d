namespace Smp.Gateway.Identity;

/// <summary>One cluster's credential for one load of the routes; <see cref="Credential"/> null when it could not be built (every request then gets 502).</summary>
internal sealed record UpstreamCredentialLoad(UpstreamCredential? Credential)
{
    /// <summary>More than the <c>X-SMP-*</c> headers: an <c>Authorization</c> of the gateway's own, or a 502 in its place.</summary>
    public bool Presents => Credential is null || Credential.Kind != UpstreamIdentityKind.Headers;
}
