namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:LongLivedTokens</c>: the push-install token and ASDK tokens, sent as <c>Authorization: Bearer</c>.</summary>
public sealed class LongLivedTokenOptions
{
    public const string DefaultPushInstallPath = "/Altiris/NS/Agent/AeXNSCInstSvc.aspx";

    /// <summary>
    /// <c>Gateway:LongLivedTokens:PushInstallPaths</c>: the path prefixes a push-install token may call (the
    /// agent installer). Default (empty): <c>/Altiris/NS/Agent/AeXNSCInstSvc.aspx</c> only.
    /// </summary>
    public List<string> PushInstallPaths { get; set; } = [];

    /// <summary><c>Gateway:LongLivedTokens:PushInstallIdentity</c>: <c>X-SMP-Identity</c> of push-install calls. Default (empty): <c>Gateway:Identity:ServiceIdentity</c>.</summary>
    public string PushInstallIdentity { get; set; } = string.Empty;

    /// <summary><c>Gateway:LongLivedTokens:AsdkIdentity</c>: <c>X-SMP-Identity</c> of ASDK calls. Default (empty): <c>Gateway:Identity:ServiceIdentity</c>.</summary>
    public string AsdkIdentity { get; set; } = string.Empty;

    /// <summary><c>Gateway:LongLivedTokens:AsdkLifetime</c>: the lifetime of an ASDK token issued without <c>--lifetime</c>. Default 30 days; 1 minute to 365 days.</summary>
    public TimeSpan AsdkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The push-install paths in force: the configured ones, or the default.</summary>
    public IReadOnlyList<string> EffectivePushInstallPaths => PushInstallPaths.Count > 0 ? PushInstallPaths : [DefaultPushInstallPath];
}
