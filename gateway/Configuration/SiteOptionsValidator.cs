namespace Smp.Gateway.Configuration;

/// <summary>The <c>Gateway:Site</c> and <c>Gateway:Sites</c> part of <see cref="GatewayOptionsValidator"/>.</summary>
internal static class SiteOptionsValidator
{
    public const string Issuer = "Issuer";
    public const string Site = "Site";

    public static void Validate(GatewayOptions o, Action<bool, string, string> check)
    {
        check(o.Role is Issuer or Site, "Role", $"'{o.Role}' is not a role; use 'Issuer' or 'Site'.");
        if (o.Role == Site)
        {
            ValidateSite(o.Site, check);
        }

        foreach (var (id, site) in o.Sites)
        {
            check(IsSiteId(id), $"Sites:{id}", "a Site id is 1 to 64 letters, digits, '-', '_' or '.'.");
            check(!string.IsNullOrEmpty(site.PublicKeyFile) && File.Exists(site.PublicKeyFile), $"Sites:{id}:PublicKeyFile",
                $"'{site.PublicKeyFile}' does not exist; give the Site's public key (its site-key.pub.pem).");
            check(site.Audiences.Count > 0, $"Sites:{id}:Audiences", "at least one audience (the Site's public origin) is required.");
            for (int i = 0; i < site.Audiences.Count; i++)
            {
                check(IsOrigin(site.Audiences[i]), $"Sites:{id}:Audiences:{i}", $"'{site.Audiences[i]}' must be an origin, such as https://site1.example.com (no path).");
            }
        }

        check(o.Tokens.RotationLead >= TimeSpan.Zero && o.Tokens.RotationLead <= TimeSpan.FromDays(1), "Tokens:RotationLead", $"{o.Tokens.RotationLead} is outside 00:00:00 to 1.00:00:00.");
    }

    public static bool IsSiteId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query);

    private static void ValidateSite(SiteOptions s, Action<bool, string, string> check)
    {
        static bool Between(TimeSpan value, TimeSpan min, TimeSpan max) => value >= min && value <= max;

        check(IsOrigin(s.IssuerUrl), "Site:IssuerUrl", $"'{s.IssuerUrl}' must be the Issuer's origin, such as https://ns.example.com (no path).");
        check(IsSiteId(s.SiteId), "Site:SiteId", $"'{s.SiteId}' must be this Site's id as registered at the Issuer: 1 to 64 letters, digits, '-', '_' or '.'.");
        check(string.IsNullOrEmpty(s.KeyFile) || File.Exists(s.KeyFile), "Site:KeyFile", $"'{s.KeyFile}' does not exist (leave it empty to have one created in the data folder).");
        check(Between(s.BatchDelay, TimeSpan.Zero, TimeSpan.FromSeconds(1)), "Site:BatchDelay", $"{s.BatchDelay} is outside 00:00:00 to 00:00:01.");
        check(Between(s.BatchMaxDelay, s.BatchDelay, TimeSpan.FromSeconds(5)), "Site:BatchMaxDelay", $"{s.BatchMaxDelay} is outside Site:BatchDelay to 00:00:05.");
        check(s.MaxConcurrentCalls is >= 1 and <= 32, "Site:MaxConcurrentCalls", $"{s.MaxConcurrentCalls} is outside 1 to 32 (PROTOCOL.md §10).");
        check(Between(s.RenewBefore, TimeSpan.Zero, TimeSpan.FromHours(1)), "Site:RenewBefore", $"{s.RenewBefore} is outside 00:00:00 to 01:00:00.");
        check(s.RefreshPeriod is null || Between(s.RefreshPeriod.Value, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)), "Site:RefreshPeriod",
            $"{s.RefreshPeriod} is outside 00:00:00.1 to 01:00:00 (leave it empty for the period PROTOCOL.md §10 gives).");
        check(Between(s.RevocationCheckPeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)), "Site:RevocationCheckPeriod", $"{s.RevocationCheckPeriod} is outside 00:00:00.1 to 01:00:00.");
        check(Between(s.KeyRefreshPeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)), "Site:KeyRefreshPeriod", $"{s.KeyRefreshPeriod} is outside 00:00:00.1 to 01:00:00.");
        check(Between(s.KeyRefetchFloor, TimeSpan.Zero, TimeSpan.FromMinutes(10)), "Site:KeyRefetchFloor", $"{s.KeyRefetchFloor} is outside 00:00:00 to 00:10:00.");
        check(Between(s.IssuerTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)), "Site:IssuerTimeout", $"{s.IssuerTimeout} is outside 00:00:00.1 to 00:01:00.");
        check(s.IssuerRetries is >= 0 and <= 5, "Site:IssuerRetries", $"{s.IssuerRetries} is outside 0 to 5.");
        check(Between(s.IssuerRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30)), "Site:IssuerRetryDelay", $"{s.IssuerRetryDelay} is outside 00:00:00.01 to 00:00:30.");
        check(Between(s.IssuerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(10)), "Site:IssuerBreakDuration", $"{s.IssuerBreakDuration} is outside 00:00:00.5 to 00:10:00 (Polly's bounds).");
        check(Between(s.HelloTimeout, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)) && s.HelloTimeout > s.BatchMaxDelay, "Site:HelloTimeout",
            $"{s.HelloTimeout} is outside 00:00:00.5 to 00:00:30, or not above Site:BatchMaxDelay ({s.BatchMaxDelay}).");
        check(Between(s.IssuerProbePeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)), "Site:IssuerProbePeriod", $"{s.IssuerProbePeriod} is outside 00:00:00.1 to 00:01:00.");
    }
}
