using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Protocol;

public sealed class B64uTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("AQAB", true)]
    [InlineData("_-8", true)]
    [InlineData("AQ", true)]
    [InlineData("AR", false)] // unused trailing bits not zero: a second spelling of "AQ"
    [InlineData("AQ==", false)]
    [InlineData("A QAB", false)]
    [InlineData("+/8", false)]
    [InlineData("A", false)]
    public void TryDecode_Spelling_AcceptsOnlyTheCanonicalOne(string text, bool valid)
    {
        Assert.Equal(valid, B64u.TryDecode(text, out _));
    }

    [Fact]
    public void Encode_Bytes_RoundTripsWithoutPadding()
    {
        byte[] bytes = [0xfb, 0xff, 0x01];
        string text = B64u.Encode(bytes);

        Assert.Equal("-_8B", text);
        Assert.True(B64u.TryDecode(text, out byte[] decoded));
        Assert.Equal(bytes, decoded);
    }
}
