namespace Smp.Gateway.Configuration;

/// <summary>One entry of <c>Gateway:Acc:Accounts</c>.</summary>
public sealed class AccAccount
{
    /// <summary><c>User</c>: the account as agents send it, e.g. <c>DOMAIN\svc-acc</c>; compared without case.</summary>
    public string User { get; set; } = string.Empty;

    /// <summary><c>PasswordHash</c>: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>, never the password.</summary>
    public string PasswordHash { get; set; } = string.Empty;
}
