namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Acc</c>: the Agent Connectivity Credential, for enrollment and <c>TokenOrAcc</c> routes.</summary>
public sealed class AccOptions
{
    /// <summary><c>Gateway:Acc:Accounts</c>: accounts with hashed passwords (<c>gateway hash-password</c> makes the hash). Default none.</summary>
    public List<AccAccount> Accounts { get; set; } = [];

    /// <summary><c>Gateway:Acc:AllowPlainHttp</c>: accept Basic credentials over plain HTTP. Default false: ACC is for TLS only.</summary>
    public bool AllowPlainHttp { get; set; }
}
