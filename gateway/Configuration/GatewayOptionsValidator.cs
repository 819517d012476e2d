using Microsoft.Extensions.Options;

namespace Smp.Gateway.Configuration;

/// <summary>Checks the whole <c>Gateway</c> section at start and returns every problem at once, each naming its key.</summary>
/// <param name="configuration">The whole configuration, for the checks that look beyond the section (Kestrel's endpoints); none for <c>gateway doctor</c>.</param>
internal sealed class GatewayOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions o)
    {
        var errors = new List<string>();
        void Check(bool ok, string key, string message)
        {
            if (!ok)
            {
                errors.Add($"Gateway:{key}: {message}");
            }
        }

        SiteOptionsValidator.Validate(o, Check);
        Check(!string.IsNullOrWhiteSpace(o.IssuerId), "IssuerId", "is required.");
        Check(Uri.TryCreate(o.Audience, UriKind.Absolute, out var audience) && audience.Scheme is "http" or "https" && audience.AbsolutePath == "/",
            "Audience", $"'{o.Audience}' must be this server's public origin, such as https://ns.example.com (no path).");
        Check(!string.IsNullOrWhiteSpace(o.Realm) && !o.Realm.Contains('"') && !o.Realm.Contains('\\'), "Realm", "is required and may not contain quotes or backslashes.");
        Check(!string.IsNullOrWhiteSpace(o.DataDirectory), "DataDirectory", "is required.");

        var t = o.Tokens;
        Check(t.Lifetime >= TimeSpan.FromMinutes(1) && t.Lifetime <= TimeSpan.FromDays(7), "Tokens:Lifetime", $"{t.Lifetime} is outside 00:01:00 to 7.00:00:00.");
        Check(t.ClockSkew >= TimeSpan.Zero && t.ClockSkew <= TimeSpan.FromSeconds(300), "Tokens:ClockSkew", $"{t.ClockSkew} is outside 00:00:00 to 00:05:00 (PROTOCOL.md §2).");
        Check(t.Algorithm == "RS256", "Tokens:Algorithm", $"'{t.Algorithm}' is not supported; this version signs with RS256 only.");
        Check(string.IsNullOrEmpty(t.SigningKeyFile) || File.Exists(t.SigningKeyFile), "Tokens:SigningKeyFile", $"'{t.SigningKeyFile}' does not exist.");
        Check(t.MaxCachedTokens >= 0, "Tokens:MaxCachedTokens", "must not be negative.");
        Check(t.MaxCachedTokensPerSource >= 0, "Tokens:MaxCachedTokensPerSource", "must not be negative.");

        Check(o.Replay.Window is >= 1 and <= 64, "Replay:Window", $"{o.Replay.Window} is outside 1 to 64.");
        Check(o.Replay.MaxEntries >= 1000, "Replay:MaxEntries", $"{o.Replay.MaxEntries} is below 1000.");
        Check(o.Replay.MaxEntriesPerKey >= 1, "Replay:MaxEntriesPerKey", $"{o.Replay.MaxEntriesPerKey} is below 1.");
        Check(o.Replay.MaxEntriesPerSource >= 1, "Replay:MaxEntriesPerSource", $"{o.Replay.MaxEntriesPerSource} is below 1.");

        CheckState(o.State, Check);

        Check(o.Enrollment.Secret.Length is 0 or >= 16, "Enrollment:Secret", "must be empty (no secret) or at least 16 characters.");
        EnrollmentApproval.Validate(o.Enrollment, Check);

        for (int i = 0; i < o.Acc.Accounts.Count; i++)
        {
            var account = o.Acc.Accounts[i];
            Check(!string.IsNullOrWhiteSpace(account.User) && !account.User.Contains(':'), $"Acc:Accounts:{i}:User", "is required and may not contain ':'.");
            Check(PasswordHash.IsWellFormed(account.PasswordHash), $"Acc:Accounts:{i}:PasswordHash",
                "is not of the form pbkdf2-sha256$ITERATIONS$SALT$HASH; make one with `gateway hash-password`.");
        }

        AccOptionsValidator.Validate(o.Acc, errors);

        for (int i = 0; i < o.Identity.StripHeaders.Count; i++)
        {
            Check(!string.IsNullOrWhiteSpace(o.Identity.StripHeaders[i]), $"Identity:StripHeaders:{i}", "is empty.");
        }

        Check(o.Identity.KerberosKeytab.Length == 0 || File.Exists(o.Identity.KerberosKeytab), "Identity:KerberosKeytab", $"'{o.Identity.KerberosKeytab}' does not exist.");

        var r = o.RateLimits;
        Check(r.TokensPerSourcePerMinute >= 1, "RateLimits:TokensPerSourcePerMinute", "must be at least 1.");
        Check(r.TokensPerAgentPerMinute >= 1, "RateLimits:TokensPerAgentPerMinute", "must be at least 1.");
        Check(r.EnrollmentsPerSourcePerMinute >= 1, "RateLimits:EnrollmentsPerSourcePerMinute", "must be at least 1.");
        Check(r.UnknownAgentHellosPerSourcePerMinute >= 1, "RateLimits:UnknownAgentHellosPerSourcePerMinute", "must be at least 1.");

        LongLivedTokenOptionsValidator.Validate(o.LongLivedTokens, Check);
        WindowsOptionsValidator.Validate(o.Windows, Check);
        Check(o.Telemetry.PrometheusUrl.Length == 0 || o.Telemetry.TryGetPrometheus(out _, out _, out _), "Telemetry:PrometheusUrl",
            $"'{o.Telemetry.PrometheusUrl}' must be empty (no scraping) or an http URL with an IP address or localhost, a port and a path, such as http://127.0.0.1:9464/metrics.");
        if (configuration is not null && o.Telemetry.TryGetPrometheus(out _, out int scrapePort, out _))
        {
            foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            {
                // Kestrel's own parser: its URLs may have * or + as host, which Uri does not take.
                string url = endpoint["Url"] ?? string.Empty;
                bool shared = TryParseBinding(url)?.Port == scrapePort;
                Check(!shared, "Telemetry:PrometheusUrl", $"port {scrapePort} is also the port of Kestrel:Endpoints:{endpoint.Key}:Url ({url}); give the scraping listener a port of its own.");
            }
        }
        Check(!string.IsNullOrWhiteSpace(o.Identity.ServiceIdentity), "Identity:ServiceIdentity", "is required.");
        Check(!string.IsNullOrWhiteSpace(o.Identity.Group), "Identity:Group", "is required.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static Microsoft.AspNetCore.Http.BindingAddress? TryParseBinding(string url)
    {
        try
        {
            return Microsoft.AspNetCore.Http.BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            // Kestrel itself refuses it at start, naming the endpoint.
            return null;
        }
    }

    private static void CheckState(StateOptions s, Action<bool, string, string> check)
    {
        check(s.IsRedis || string.Equals(s.Store, StateOptions.EmbeddedStore, StringComparison.OrdinalIgnoreCase),
            "State:Store", $"'{s.Store}' is not a store; use 'Embedded' (one node) or 'Redis' (several nodes).");
        if (!s.IsRedis)
        {
            return;
        }

        // The configuration string may hold a password: never quote it back.
        string? problem = null;
        if (string.IsNullOrWhiteSpace(s.Redis.Configuration))
        {
            problem = "is required when Gateway:State:Store is Redis.";
        }
        else if (!RedisConfigurationParses(s.Redis.Configuration, out problem))
        {
            problem = $"is not a StackExchange.Redis configuration string ({problem}).";
        }

        check(problem is null, "State:Redis:Configuration", problem ?? string.Empty);
        check(System.Text.RegularExpressions.Regex.IsMatch(s.Redis.KeyPrefix, "^[A-Za-z0-9_.:-]{1,64}$"),
            "State:Redis:KeyPrefix", "must be 1 to 64 letters, digits, '-', '_', '.' or ':' (braces would break the hash tags).");
        check(s.Redis.Timeout >= TimeSpan.FromMilliseconds(50) && s.Redis.Timeout <= TimeSpan.FromSeconds(30),
            "State:Redis:Timeout", $"{s.Redis.Timeout} is outside 00:00:00.050 to 00:00:30.");
    }

    private static bool RedisConfigurationParses(string configuration, out string? problem)
    {
        try
        {
            var parsed = StackExchange.Redis.ConfigurationOptions.Parse(configuration);
            problem = parsed.EndPoints.Count == 0 ? "no endpoint" : null;
            return problem is null;
        }
        catch (ArgumentException e)
        {
            // StackExchange.Redis names the unknown option, not the values.
            problem = e.Message;
            return false;
        }
    }
}
