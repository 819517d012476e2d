using Microsoft.Extensions.Options;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Configuration;

/// <summary>A misconfiguration stops the start with a message naming the key; every problem is reported at once.</summary>
public sealed class ConfigurationValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Gateway:Audience", "not a url", "Gateway:Audience" },
        { "Gateway:Audience", "https://ns.example.com/path", "Gateway:Audience" },
        { "Gateway:Tokens:ClockSkew", "00:06:00", "Gateway:Tokens:ClockSkew" },
        { "Gateway:Tokens:Lifetime", "00:00:10", "Gateway:Tokens:Lifetime" },
        { "Gateway:Tokens:Algorithm", "HS256", "Gateway:Tokens:Algorithm" },
        { "Gateway:Tokens:SigningKeyFile", "/no/such/file.pem", "Gateway:Tokens:SigningKeyFile" },
        { "Gateway:Replay:Window", "65", "Gateway:Replay:Window" },
        { "Gateway:Replay:Window", "0", "Gateway:Replay:Window" },
        { "Gateway:Enrollment:Secret", "short", "Gateway:Enrollment:Secret" },
        { "Gateway:Role", "Proxy", "Gateway:Role" },
        { "Gateway:State:Store", "Memcached", "Gateway:State:Store" },
        { "Gateway:State:Store", "Redis", "Gateway:State:Redis:Configuration" },
        { "Gateway:Acc:Accounts:0:PasswordHash", "plaintext", "Gateway:Acc:Accounts:0:PasswordHash" },
        { "Gateway:Acc:Shield:WrongPasswordBudget", "10", "Gateway:Acc:Shield:WrongPasswordBudget" },
        { "Gateway:Acc:Shield:WrongPasswordBudget", "0", "Gateway:Acc:Shield:WrongPasswordBudget" },
        { "Gateway:Acc:Directory:LockoutThreshold", "1", "Gateway:Acc:Directory:LockoutThreshold" },
        { "Gateway:Acc:Shield:RememberRightFor", "02:00:00", "Gateway:Acc:Shield:RememberRightFor" },
        { "Gateway:Acc:Directory:ServiceBindDn", "cn=reader", "Gateway:Acc:Directory:ServicePassword" },
        { "Gateway:Acc:Directory:Url", "http://dc.example.com", "Gateway:Acc:Directory:Url" },
        { "Gateway:Acc:Directory:Url", "ldap://dc.example.com:389", "Gateway:Acc:Directory:Users" },
        { "Gateway:Acc:Directory:Timeout", "00:00:00", "Gateway:Acc:Directory:Timeout" },
        { "Gateway:Acc:Shield:RememberWrongFor", "00:00:10", "Gateway:Acc:Shield:RememberWrongFor" },
        { "Gateway:Acc:Shield:CircuitFailureRatio", "1.5", "Gateway:Acc:Shield:CircuitFailureRatio" },
        { "Gateway:Acc:Rotation:PreviousPasswordHash", "old-password", "Gateway:Acc:Rotation:PreviousPasswordHash" },
        { "Gateway:Acc:Rotation:User", "svc-acc", "Gateway:Acc:Rotation:PreviousPasswordUntil" },
        { "Gateway:Acc:UncWithoutAcc", "Ignore", "Gateway:Acc:UncWithoutAcc" },
        { "Gateway:Telemetry:PrometheusUrl", "https://127.0.0.1:9464/metrics", "Gateway:Telemetry:PrometheusUrl" },
        { "Gateway:Telemetry:PrometheusUrl", "http://127.0.0.1:9464/", "Gateway:Telemetry:PrometheusUrl" },
        { "Gateway:Telemetry:PrometheusUrl", "http://127.0.0.1/metrics", "Gateway:Telemetry:PrometheusUrl" },
        { "Gateway:Telemetry:PrometheusUrl", "http://metrics.example.com:9464/metrics", "Gateway:Telemetry:PrometheusUrl" },
        { "Gateway:Telemetry:PrometheusUrl", "9464", "Gateway:Telemetry:PrometheusUrl" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_BadSetting_FailsNamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Gateway:Acc:Accounts", StringComparison.Ordinal))
        {
            settings["Gateway:Acc:Accounts:0:User"] = "acc";
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(settings));
        Assert.Contains(error.Failures, f => f.StartsWith(named + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SeveralBadSettings_EveryProblemReported()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Replay:Window"] = "100",
            ["Gateway:Tokens:ClockSkew"] = "01:00:00",
        }));
        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public async Task Start_SigningKeyFileNotAKey_FailsNamingTheKey()
    {
        using var folder = new TempFolder();
        string file = Path.Combine(folder.Path, "key.pem");
        await File.WriteAllTextAsync(file, "not a key");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Tokens:SigningKeyFile"] = file }));
        Assert.StartsWith("Gateway:Tokens:SigningKeyFile:", error.Message);
    }
}
