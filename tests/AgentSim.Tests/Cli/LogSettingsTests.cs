using Smp.AgentSim.Cli;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Cli;

public sealed class LogSettingsTests
{
    [Theory]
    [InlineData("Smp.Agent.Token.Storage=Debug", "Smp.Agent.Token.Storage=Debug")]
    [InlineData("Smp.Agent.ServerKeys=information, Smp.Agent.NetworkOperation=Trace", "Smp.Agent.ServerKeys=Information,Smp.Agent.NetworkOperation=Trace")]
    [InlineData("Smp.Agent=None", "Smp.Agent=None")]
    [InlineData("Smp.Agent.Token=Error", "Smp.Agent.Token=Error")]
    public void Parse_GoodValue_LevelsByCategory(string text, string expected)
    {
        LogSettings settings = LogSettings.Parse(text);

        Assert.Equal(expected, string.Join(",", settings.Levels.Select(pair => $"{pair.Key}={pair.Value}")));
    }

    [Theory]
    [InlineData("Smp.Agent.Token.Storage", "--log: expected CATEGORY=LEVEL[,CATEGORY=LEVEL], got 'Smp.Agent.Token.Storage'")]
    [InlineData("Smp.Agent.ServerKeys=Debug,", "--log: expected CATEGORY=LEVEL[,CATEGORY=LEVEL], got ''")]
    [InlineData("=Debug", "--log: expected CATEGORY=LEVEL[,CATEGORY=LEVEL], got '=Debug'")]
    [InlineData("Smp.Agent.Tokens=Debug", "--log: unknown category 'Smp.Agent.Tokens'; expected one of Smp.Agent.Token.Storage, Smp.Agent.ServerKeys, Smp.Agent.NetworkOperation or a prefix of one")]
    [InlineData("Smp.Gateway.Token=Debug", "--log: unknown category 'Smp.Gateway.Token'; expected one of Smp.Agent.Token.Storage, Smp.Agent.ServerKeys, Smp.Agent.NetworkOperation or a prefix of one")]
    [InlineData("Smp.Agent.ServerKeys=Loud", "--log: unknown level 'Loud' for Smp.Agent.ServerKeys; expected one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("Smp.Agent.ServerKeys=1", "--log: unknown level '1' for Smp.Agent.ServerKeys; expected one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("Smp.Agent=Debug,Smp.Agent=Error", "--log: Smp.Agent given more than once")]
    public void Parse_BadValue_UsageErrorNamingTheFlag(string text, string message)
    {
        UsageException error = Assert.Throws<UsageException>(() => LogSettings.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Read_FlagOfDemo_SetsThatCategoryAndLeavesTheOthersAtWarning()
    {
        var arguments = new ArgumentReader("demo", ["--agents", "3", "--log", "Smp.Agent.Token.Storage=Debug"]);
        arguments.Int("--agents", 200, 1, 10);

        LogSettings settings = LogSettings.Read(arguments);
        arguments.EnsureAllRead();
        using ILoggerFactory factory = settings.CreateLoggerFactory();

        Assert.True(factory.CreateLogger(AgentLogCategories.TokenStorage).IsEnabled(LogLevel.Debug));
        Assert.False(factory.CreateLogger(AgentLogCategories.NetworkOperation).IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger(AgentLogCategories.NetworkOperation).IsEnabled(LogLevel.Warning));
        Assert.False(factory.CreateLogger(AgentLogCategories.ServerKeys).IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Read_FlagAbsent_NoLevels()
    {
        var arguments = new ArgumentReader("soak", []);

        Assert.Empty(LogSettings.Read(arguments).Levels);
    }
}
