using Microsoft.Extensions.Options;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Windows;

/// <summary>
/// <c>Gateway:Windows</c> checked at start, naming the key: the keytab holds the service's key, so it must be there,
/// readable, and not by everyone. In the Samba collection: a gateway that starts sets <c>KRB5_KTNAME</c> for the whole
/// test process, which must not change under the Windows tests' gateways.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class WindowsConfigurationTests
{
    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("world-readable", "readable by everyone")]
    public async Task Start_UnusableKeytab_FailsNamingTheKey(string keytab, string problem)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "http.keytab");
        if (keytab == "world-readable" && !OperatingSystem.IsWindows())
        {
            await File.WriteAllBytesAsync(path, [5, 2]);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Windows:Keytab"] = path }));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Gateway:Windows:Keytab:", failure, StringComparison.Ordinal);
        Assert.Contains(problem, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DomainNotANetBiosName_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Windows:Domain"] = @"EXAMPLE\TEST" }));

        Assert.StartsWith("Gateway:Windows:Domain:", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Windows")]
    [InlineData("TokenOrWindows")]
    public async Task Start_WindowsRouteWithoutKeytab_StopsNamingTheRouteAndTheKey(string mode)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = mode }));

        Assert.Contains($"ReverseProxy:Routes:legacy:Metadata:SmpAuth: '{mode}' needs Gateway:Windows:Keytab", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OwnerOnlyKeytab_StartsAndLogsNoProblem()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "http.keytab");
        await File.WriteAllBytesAsync(path, [5, 2]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Windows:Keytab"] = path,
            ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "TokenOrWindows",
        });
        using var client = host.NewClient();
        using var response = await client.GetAsync(Paths.Echo);

        Assert.Equal(["SMPToken realm=\"SMP\"", "Negotiate"], Challenge.All(response));
    }
}
