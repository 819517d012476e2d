using Microsoft.Extensions.Options;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Sites;

/// <summary>A Site or a Site registration that cannot work stops the start, each problem naming its key.</summary>
public sealed class SiteConfigurationTests
{
    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Gateway:Site:IssuerUrl", null, "Gateway:Site:IssuerUrl" },
        { "Gateway:Site:IssuerUrl", "http://127.0.0.1:1/path", "Gateway:Site:IssuerUrl" },
        { "Gateway:Site:SiteId", "", "Gateway:Site:SiteId" },
        { "Gateway:Site:SiteId", "a b", "Gateway:Site:SiteId" },
        { "Gateway:Site:MaxConcurrentCalls", "33", "Gateway:Site:MaxConcurrentCalls" },
        { "Gateway:Site:KeyFile", "/no/such/site-key.pem", "Gateway:Site:KeyFile" },
        { "Gateway:Site:IssuerBreakDuration", "00:00:00.1", "Gateway:Site:IssuerBreakDuration" },
        { "Gateway:Site:BatchMaxDelay", "00:00:10", "Gateway:Site:BatchMaxDelay" },
        { "Gateway:Site:HelloTimeout", "00:00:01", "Gateway:Site:HelloTimeout" },
        { "Gateway:Site:HelloTimeout", "00:01:00", "Gateway:Site:HelloTimeout" },
        { "Gateway:Site:IssuerProbePeriod", "00:00:00.010", "Gateway:Site:IssuerProbePeriod" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_SiteWithBadSetting_FailsNamingTheKey(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Role"] = "Site",
            ["Gateway:Site:IssuerUrl"] = "http://127.0.0.1:1",
            ["Gateway:Site:SiteId"] = "site-a",
            [key] = value,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(settings));
        Assert.Contains(error.Failures, f => f.StartsWith(named + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SiteRegistrationWithoutKeyOrAudience_EveryProblemReported()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Sites:site-a:PublicKeyFile"] = "/no/such/site.pub.pem",
            ["Gateway:Sites:site-b:PublicKeyFile"] = "/no/such/either.pem",
            ["Gateway:Sites:site-b:Audiences:0"] = "not an origin",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(settings));
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:Sites:site-a:PublicKeyFile:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:Sites:site-a:Audiences:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:Sites:site-b:Audiences:0:", StringComparison.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_SiteWithoutKeyAndIssuerDown_StartsAndCreatesItsKeyOwnerOnlyWithThePublicHalf()
    {
        using var data = new TempFolder();
        await using var site = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Role"] = "Site",
            ["Gateway:Site:IssuerUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Gateway:Site:SiteId"] = "site-a",
        }, data.Path);

        string key = Path.Combine(data.Path, "site-key.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Contains("BEGIN PUBLIC KEY", File.ReadAllText(Path.Combine(data.Path, "site-key.pub.pem")));
        Assert.False(File.Exists(Path.Combine(data.Path, "signing-key.pem")));
    }
}
