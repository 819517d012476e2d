using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Keys;

/// <summary>§3: the server keys, published without authentication.</summary>
public sealed class JwksTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Jwks_Get_PublishesTheSigningKeyWithKidAlgAndUse()
    {
        using var client = fixture.Host.NewClient();
        using var response = await client.GetAsync("/.well-known/smp/keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
        var key = Assert.Single(keys.EnumerateArray());
        using var signing = fixture.Host.ReadSigningKey();
        Assert.Equal(TokenForge.Kid(signing), key.GetProperty("kid").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SigningKey_CreatedOnFirstStart_ReadableByOwnerOnly()
    {
        string path = Path.Combine(fixture.Host.DataDirectory, "signing-key.pem");
        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        await Task.CompletedTask;
    }
}
