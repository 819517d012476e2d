namespace Smp.Gateway.Protocol;

/// <summary>The values of <c>X-SMP-Auth</c> (§12).</summary>
internal static class AuthKind
{
    public const string Token = "Token";
    public const string Acc = "ACC";
    public const string Anonymous = "Anonymous";
    public const string PushInstall = "PushInstall";
    public const string Asdk = "Asdk";
    public const string Windows = "Windows";
}
