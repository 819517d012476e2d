using Smp.Gateway.Tests.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Doctor;

/// <summary><c>gateway doctor</c>: what it reports for a configuration, and its exit code.</summary>
public sealed class DoctorTests
{
    private const string Unc = """{"SmpCodebase":"\\\\ps1.example.test\\Packages"}""";
    private const string Http = """{"SmpCodebase":"https://ps1.example.test/Altiris/Packages","SmpAuth":"TokenOrAcc"}""";

    public static TheoryData<string, int, string> Cases => new()
    {
        { Config(Unc), 0, @"packages: codebase \\ps1.example.test\Packages, access ACC - UNC: ACC must stay" },
        { Config(Unc), 0, "ACC fallback: must stay: packages need ACC" },
        { Config(Http), 0, "packages: codebase https://ps1.example.test/Altiris/Packages, access ACC,Token" },
        { Config(Http), 0, "ACC fallback: can be switched off" },
        { Config(Http), 0, @"setspn -S HTTP/ns.example.test:80/SMP example.test\ns" },
        { Config(Http), 0, @"setspn -S HTTPS/ps1.example.test:443/SMP example.test\ps1" },
        { Config(Http), 0, @"setspn -S HTTPS/ps1.example.test:4726/SMP example.test\ps1" },
        { Config(Unc, acc: "\"Enabled\": false"), 1, "package source 'packages'" },
        { Config(Http, lifetime: "00:20:00"), 1, "Gateway:Tokens:Lifetime: 00:20:00 is not longer than" },
        { Config(Http, lifetime: "01:00:00"), 0, "every 5 minutes" },
        { Config(Http, acc: "\"Directory\": { \"Url\": \"ldap://dc.example.test\", \"Users\": [\"svc-acc\"] }, \"Shield\": { \"Enabled\": false }"), 1, "Gateway:Acc:Shield:Enabled: false" },
        { Config(Http, acc: "\"Shield\": { \"WrongPasswordBudget\": 12 }"), 1, "Gateway:Acc:Shield:WrongPasswordBudget: 12" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_Configuration_ReportsAndExits(string config, int exitCode, string expected)
    {
        using var folder = new TempFolder();
        string file = Path.Combine(folder.Path, "gateway.json");
        await File.WriteAllTextAsync(file, config);
        var output = new StringWriter();

        int code = Smp.Gateway.Doctor.Doctor.Run(["--config", file], null, output);

        Assert.Contains(expected, output.ToString());
        Assert.Equal(exitCode, code);
    }

    [Fact]
    public void Run_ExampleConfiguration_Healthy()
    {
        var output = new StringWriter();
        string example = Path.Combine(ExampleConfigurationTests.RepositoryRoot(), "config", "gateway.example.json");

        int code = Smp.Gateway.Doctor.Doctor.Run(["--config", example], "EXAMPLE", output);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("No problems.", output.ToString());
    }

    private static string Config(string metadata, string acc = "", string lifetime = "08:00:00") => $$"""
        {
          "Gateway": { "Audience": "https://ns.example.test", "Tokens": { "Lifetime": "{{lifetime}}" }, "Acc": { {{acc}} } },
          "ReverseProxy": {
            "Routes": { "packages": { "ClusterId": "legacy", "Match": { "Path": "/Altiris/Packages/{**p}" }, "Metadata": {{metadata}} } },
            "Clusters": { "legacy": { "Destinations": { "ps1": { "Address": "https://ps1.example.test/" } } } }
          }
        }
        """;
}
