namespace Smp.Gateway.LongLivedTokens;

internal enum LongLivedTokenKind
{
    /// <summary>The push-install service's token: the installer paths only, no expiry, revocable.</summary>
    PushInstall = 0,

    /// <summary>An ASDK token: the paths it was issued for, until it expires or is revoked.</summary>
    Asdk = 1,
}
