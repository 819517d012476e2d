namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Acc</c>: the Agent Connectivity Credential, for enrollment, <c>TokenOrAcc</c> and <c>Acc</c> routes (§11).</summary>
public sealed class AccOptions
{
    /// <summary><c>Gateway:Acc:Enabled</c>: accept ACC at all. Default true. Off, routes with a UNC codebase cannot serve (see <see cref="UncWithoutAcc"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Gateway:Acc:Accounts</c>: accounts with hashed passwords (<c>gateway hash-password</c> makes the hash). Default none.</summary>
    public List<AccAccount> Accounts { get; set; } = [];

    /// <summary><c>Gateway:Acc:AllowPlainHttp</c>: accept Basic credentials over plain HTTP. Default false: ACC is for TLS only.</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>
    /// <c>Gateway:Acc:UncWithoutAcc</c>: what a route with a UNC codebase does while ACC is disabled:
    /// <c>Fail</c> (default) stops the start naming the route; <c>Refuse</c> serves it as 401 <c>acc-required</c>.
    /// </summary>
    public string UncWithoutAcc { get; set; } = "Fail";

    /// <summary><c>Gateway:Acc:Directory</c>: an LDAP directory that checks ACC passwords by bind. Default none.</summary>
    public AccDirectoryOptions Directory { get; set; } = new();

    /// <summary><c>Gateway:Acc:Shield</c>: keeps stale passwords from locking the account.</summary>
    public AccShieldOptions Shield { get; set; } = new();

    /// <summary><c>Gateway:Acc:Rotation</c>: the previous password's grace period after a change.</summary>
    public AccRotationOptions Rotation { get; set; } = new();
}
