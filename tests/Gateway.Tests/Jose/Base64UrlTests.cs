using Smp.Gateway.Jose;

namespace Smp.Gateway.Tests.Jose;

/// <summary>§2: each value has exactly one b64u spelling.</summary>
public sealed class Base64UrlTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Zg", "66")]
    [InlineData("Zm8", "666f")]
    [InlineData("Zm9v", "666f6f")]
    [InlineData("-_8", "fbff")]
    public void TryDecode_Canonical_Decodes(string text, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Base64Url.Decode(text)!));
    }

    [Theory]
    [InlineData("Zh")]
    [InlineData("Zm9")]
    [InlineData("Zg==")]
    [InlineData("Z")]
    [InlineData("Zm+v")]
    [InlineData("Zm/v")]
    [InlineData("Zm v")]
    [InlineData("Zm9v\n")]
    [InlineData("Zé")]
    public void TryDecode_NonCanonicalOrOutsideAlphabet_Refused(string text)
    {
        Assert.Null(Base64Url.Decode(text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(255)]
    [InlineData(256)]
    public void Encode_ThenDecode_RoundTrips(int length)
    {
        byte[] bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        string text = Base64Url.Encode(bytes);
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(bytes), text);
        Assert.Equal(bytes, Base64Url.Decode(text));
    }
}
