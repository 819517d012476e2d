using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Windows;

/// <summary>
/// Issue 16, inbound: a domain-joined agent's machine account authenticates with Kerberos (<c>curl --negotiate</c>, its
/// tickets from the real Samba KDC) through a real Kestrel on <c>Windows</c> and <c>TokenOrWindows</c> routes, is refused
/// on a <c>Token</c> route, and the server behind sees the service identity and the account, never the credential.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class WindowsAuthenticationTests(SambaFixture samba)
{
    [Theory]
    [InlineData("/win")]
    [InlineData("/mixed")]
    public async Task WindowsRoutes_MachineAccountKerberos_ForwardedAsServiceIdentityWithTheAccount(string route)
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());

        var response = await domain.CurlAsync(host.Url, route + Paths.Echo);

        Assert.Equal(200, response.Status);
        var echoed = Echoed(response.Body);
        Assert.Equal("Windows", echoed["X-SMP-Auth"]);
        Assert.Equal(@"EXAMPLE\" + domain.Machine, echoed["X-SMP-Agent"]);
        Assert.Equal("_SMP_IUSR", echoed["X-SMP-Identity"]);
        Assert.False(echoed.ContainsKey("Authorization"));
        // Mutual authentication: the server's last token rides on the answer.
        Assert.StartsWith("Negotiate ", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRoute_MachineAccountNegotiate_401WindowsNotAllowed()
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());
        using var client = host.NewClient();

        using var refused = await TestAgent.SendAsync(client, Paths.Policies, "Negotiate " + await domain.TokenAsync());
        // The same kind of token, on a route that takes it: the refusal is the route's.
        using var accepted = await TestAgent.SendAsync(client, "/win" + Paths.Echo, "Negotiate " + await domain.TokenAsync());

        Assert.Equal((HttpStatusCode.Unauthorized, "windows-not-allowed"), (refused.StatusCode, Challenge.ErrorOf(refused)));
        Assert.Equal(["SMPToken realm=\"SMP\""], Challenge.All(refused));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("/win", new[] { "Negotiate" })]
    [InlineData("/mixed", new[] { "SMPToken realm=\"SMP\"", "Negotiate" })]
    [InlineData("", new[] { "SMPToken realm=\"SMP\"" })]
    public async Task Request_NoCredentials_401OffersTokensFirstThenNegotiateWhereTaken(string route, string[] challenges)
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());
        using var client = host.NewClient();

        using var response = await client.GetAsync(route + Paths.Echo);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Challenge.ErrorOf(response));
        Assert.Equal(challenges, Challenge.All(response));
    }

    [Fact]
    public async Task Connection_AfterNegotiate_LaterRequestsOnWindowsRoutesNeedNoCredentialUntilOneFails()
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());
        using var connection = await RawConnection.OpenAsync(host.Url);
        using var other = await RawConnection.OpenAsync(host.Url);

        var first = await connection.GetAsync("/win" + Paths.Echo, "Authorization: Negotiate " + await domain.TokenAsync());
        var later = await connection.GetAsync("/mixed" + Paths.Echo);
        var tokenRoute = await connection.GetAsync(Paths.Policies);
        var otherConnection = await other.GetAsync("/win" + Paths.Echo);
        var failed = await connection.GetAsync("/win" + Paths.Echo, "Authorization: Negotiate AAAA");
        var afterFailure = await connection.GetAsync("/win" + Paths.Echo);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, later.Status);
        Assert.Equal(@"EXAMPLE\" + domain.Machine, Echoed(later.Body)["X-SMP-Agent"]);
        Assert.Equal((401, (string?)null), (tokenRoute.Status, tokenRoute.Error));
        Assert.Equal(401, otherConnection.Status);
        Assert.Equal((400, "malformed"), (failed.Status, failed.Error));
        Assert.Equal(401, afterFailure.Status);
    }

    /// <summary>Tokens that are not one, cut short, altered, or for another service: refused with the code, and the gateway goes on serving.</summary>
    public static TheoryData<string, int, string> BadTokens => new()
    {
        { "empty", 400, "malformed" },
        { "not base64", 400, "malformed" },
        { "three zero bytes", 400, "malformed" },
        { "SPNEGO answer out of sequence", 400, "malformed" },
        { "SPNEGO header cut short", 401, "credentials-invalid" },
        { "real token cut in half", 401, "credentials-invalid" },
        { "real token, one byte of its ticket altered", 401, "credentials-invalid" },
        { "real token for another service", 401, "credentials-invalid" },
        { "real token sent twice", 401, "credentials-invalid" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task WindowsRoute_BadNegotiateToken_RefusedWithCodeAndServingGoesOn(string token, int status, string code)
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());
        using var client = host.NewClient();
        string blob = await BadTokenAsync(token, domain, client);

        using var refused = await TestAgent.SendAsync(client, "/win" + Paths.Echo, ("Negotiate " + blob).TrimEnd());
        var after = await domain.CurlAsync(host.Url, "/win" + Paths.Echo);

        Assert.Equal((status, code), ((int)refused.StatusCode, Challenge.ErrorOf(refused)));
        Assert.Equal(200, after.Status);
    }

    private static async Task<string> BadTokenAsync(string kind, WindowsDomain domain, HttpClient client)
    {
        switch (kind)
        {
            case "empty": return string.Empty;
            case "not base64": return "!!!!";
            case "three zero bytes": return "AAAA";
            case "SPNEGO answer out of sequence": return "oRswGaADCgEBoRIGECsGAQQBgjcCAgoAAAA=";
            case "SPNEGO header cut short": return "YIIBhwYGKwYBBQUCoIIBezCCAXeg";
            case "real token for another service": return await domain.OtherServiceTokenAsync();
        }

        byte[] real = Convert.FromBase64String(await domain.TokenAsync());
        if (kind == "real token sent twice")
        {
            using var first = await TestAgent.SendAsync(client, "/win" + Paths.Echo, "Negotiate " + Convert.ToBase64String(real));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            return Convert.ToBase64String(real);
        }

        if (kind == "real token cut in half")
        {
            return Convert.ToBase64String(real[..(real.Length / 2)]);
        }

        real[real.Length / 2] ^= 0x5A;
        return Convert.ToBase64String(real);
    }

    internal static Dictionary<string, string> Echoed(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("headers").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
}
