namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Identity</c>: what the server behind the gateway sees (§12).</summary>
public sealed class IdentityOptions
{
    /// <summary><c>Gateway:Identity:ServiceIdentity</c>: <c>X-SMP-Identity</c> of token-authenticated calls. Default <c>_SMP_IUSR</c>.</summary>
    public string ServiceIdentity { get; set; } = "_SMP_IUSR";

    /// <summary><c>Gateway:Identity:Group</c>: <c>X-SMP-Group</c>. Default <c>_SMP_USERS</c>.</summary>
    public string Group { get; set; } = "_SMP_USERS";

    /// <summary>
    /// <c>Gateway:Identity:StripHeaders</c>: more client headers to remove, beside <c>X-SMP-*</c>, the <c>*Remote-User</c> family,
    /// <c>X-Original-URL</c> and <c>X-Rewrite-URL</c>; names compare in any case, <c>_</c> as <c>-</c>. Default none.
    /// </summary>
    public List<string> StripHeaders { get; set; } = [];

    /// <summary>
    /// <c>Gateway:Identity:KerberosKeytab</c>: the service account's keytab, for clusters whose
    /// <c>Metadata:SmpUpstreamIdentity</c> is <c>Negotiate</c> (set as <c>KRB5_CLIENT_KTNAME</c>; tickets kept in memory
    /// unless <c>KRB5CCNAME</c> names a cache). Default none.
    /// </summary>
    public string KerberosKeytab { get; set; } = string.Empty;
}
