using Smp.AgentSim.Load;

namespace Smp.AgentSim.Tests.Load;

public sealed class ScenarioMixTests
{
    [Fact]
    public void Parse_FullMix_ReadsEveryWeight()
    {
        ScenarioMix mix = ScenarioMix.Parse("cold=1,warm=6,keepalive=2,replay=1,revoked=0,hostile=3,unc=4,stale-acc=5,windows=7");

        Assert.Equal([1, 6, 2, 1, 0, 3, 4, 5, 7], Enum.GetValues<ScenarioKind>().Select(mix.WeightOf));
    }

    [Fact]
    public void Parse_AccScenarios_ReadTheirNamesAndWriteThemBack()
    {
        ScenarioMix mix = ScenarioMix.Parse("unc=1, STALE-ACC=2");

        Assert.Equal(1, mix.WeightOf(ScenarioKind.Unc));
        Assert.Equal(2, mix.WeightOf(ScenarioKind.StaleAcc));
        Assert.EndsWith(",unc=1,stale-acc=2,windows=0", mix.ToString(), StringComparison.Ordinal);
        Assert.Equal(mix.ToString(), ScenarioMix.Parse(mix.ToString()).ToString());
        Assert.True(ScenarioMix.Everything.WeightOf(ScenarioKind.Unc) > 0);
        Assert.True(ScenarioMix.Everything.WeightOf(ScenarioKind.StaleAcc) > 0);
    }

    [Theory]
    [InlineData("cold=1,tepid=2", "tepid")]
    [InlineData("cold=x", "cold=x")]
    [InlineData("cold=1,cold=2", "cold")]
    [InlineData("cold", "cold")]
    [InlineData("cold=0", "above 0")]
    [InlineData("staleacc=1", "staleacc")]
    public void Parse_BadMix_NamesTheItem(string text, string named)
    {
        FormatException e = Assert.Throws<FormatException>(() => ScenarioMix.Parse(text));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_UnavailableScenario_IsNeverDrawn()
    {
        ScenarioMix mix = ScenarioMix.Parse("cold=1,revoked=5");
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(ScenarioKind.Cold, mix.Pick(random, k => k != ScenarioKind.Revoked)));
        Assert.Null(mix.Pick(random, _ => false));
    }
}
