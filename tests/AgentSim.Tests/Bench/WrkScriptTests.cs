using Smp.AgentSim.Bench;

namespace Smp.AgentSim.Tests.Bench;

public sealed class WrkScriptTests
{
    private static readonly Uri Origin = new("http://127.0.0.1:5123/");

    [Theory]
    [InlineData("None", "\"none\"")]
    [InlineData("FirstPerConnection", "\"first\"")]
    [InlineData("EveryRequest", "\"every\"")]
    [InlineData("EveryRequestReused", "\"loop\"")]
    public void Generate_EachAuth_SetsItsMode(string auth, string mode)
    {
        string lua = WrkScript.Generate(new BenchTarget("t", Origin, "/page", Enum.Parse<BenchAuth>(auth)), "/tmp/x/proofs-1.txt", 32);

        Assert.Contains("local mode = " + mode + "\n", lua, StringComparison.Ordinal);
        Assert.Contains("local first = 32\n", lua, StringComparison.Ordinal);
        Assert.Contains("local proof_file = \"/tmp/x/proofs-1.txt\"\n", lua, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Request_CarriesHostAndIdentityHeadersAsCrLfEscapes()
    {
        string lua = WrkScript.Generate(new BenchTarget("t", Origin, "/page", BenchAuth.None), null, 8);

        Assert.Contains(
            "local prefix = \"GET /page HTTP/1.1\\013\\010Host: 127.0.0.1:5123\\013\\010X-SMP-Identity: _SMP_IUSR\\013\\010X-SMP-Auth: Token\\013\\010\"\n",
            lua, StringComparison.Ordinal);
        Assert.Contains("local proof_file = nil\n", lua, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Script_SkipsWrksCheckingCallAndStopsWhenProofsRunOut()
    {
        string lua = WrkScript.Generate(new BenchTarget("t", Origin, "/page", BenchAuth.EveryRequest), "/tmp/p", 4);

        Assert.Contains("if calls == 1 or", lua, StringComparison.Ordinal);
        Assert.Contains("wrk.thread:stop()", lua, StringComparison.Ordinal);
        Assert.Contains(WrkScript.ResultMarker + " requests=%d", lua, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ProofsWithoutFile_Throws()
    {
        Assert.Throws<ArgumentException>(() => WrkScript.Generate(new BenchTarget("t", Origin, "/", BenchAuth.EveryRequest), null, 1));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\034b\\092c\"")]
    [InlineData("\r\n", "\"\\013\\010\"")]
    [InlineData("é", "\"\\233\"")]
    public void Quote_Text_EscapesAllButPrintableAscii(string text, string expected)
    {
        Assert.Equal(expected, WrkScript.Quote(text));
    }
}
