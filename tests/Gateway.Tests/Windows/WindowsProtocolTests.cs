using System.Net;
using System.Net.Security;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Windows;

/// <summary>
/// Windows authentication beyond one Kerberos leg: NTLM's two legs on one connection (Debian's gss-ntlmssp, checked by
/// the domain controller through its winbind), and HTTP/2, where a connection-bound handshake cannot work.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class WindowsProtocolTests(SambaFixture samba)
{
    [Theory]
    [InlineData("NTLM")]
    [InlineData("Negotiate")]
    public async Task WindowsRoute_MachineAccountNtlm_TwoLegsOnOneConnectionThenForwarded(string scheme)
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());
        using var connection = await RawConnection.OpenAsync(host.Url);
        using var ntlm = NtlmClient(domain, WindowsDomain.MachinePassword);

        byte[] negotiate = ntlm.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out _)!;
        var challenge = await connection.GetAsync("/win" + Paths.Echo, $"Authorization: {scheme} {Convert.ToBase64String(negotiate)}");
        string leg = challenge.Header("WWW-Authenticate")!;
        byte[] authenticate = ntlm.GetOutgoingBlob(Convert.FromBase64String(leg[(scheme.Length + 1)..]), out var status)!;
        var served = await connection.GetAsync("/win" + Paths.Echo, $"Authorization: {scheme} {Convert.ToBase64String(authenticate)}");
        var later = await connection.GetAsync("/win" + Paths.Echo);

        Assert.Equal(401, challenge.Status);
        Assert.StartsWith(scheme + " TlRMTVNT", leg, StringComparison.Ordinal);
        Assert.Equal(NegotiateAuthenticationStatusCode.Completed, status);
        Assert.Equal(200, served.Status);
        Assert.Equal(@"EXAMPLE\" + domain.Machine, WindowsAuthenticationTests.Echoed(served.Body)["X-SMP-Agent"]);
        Assert.Equal(200, later.Status);
    }

    [Fact]
    public async Task WindowsRoute_NtlmWrongPassword_401CredentialsInvalid()
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());
        using var connection = await RawConnection.OpenAsync(host.Url);
        using var ntlm = NtlmClient(domain, "Not-The-Pass-1");

        byte[] negotiate = ntlm.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out _)!;
        var challenge = await connection.GetAsync("/win" + Paths.Echo, "Authorization: NTLM " + Convert.ToBase64String(negotiate));
        byte[] authenticate = ntlm.GetOutgoingBlob(Convert.FromBase64String(challenge.Header("WWW-Authenticate")!["NTLM ".Length..]), out _)!;
        var refused = await connection.GetAsync("/win" + Paths.Echo, "Authorization: NTLM " + Convert.ToBase64String(authenticate));

        Assert.Equal((401, "credentials-invalid"), (refused.Status, refused.Error));
    }

    [Theory]
    [InlineData("/win", null)]
    [InlineData("/win", "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg")]
    [InlineData("/mixed", "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg")]
    public async Task WindowsRoutes_Http2_StreamResetHttp11Required(string route, string? authorization)
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        var settings = domain.Settings();
        settings["Kestrel:Endpoints:Http:Protocols"] = "Http2";
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.NewClient(HttpVersion.Version20);

        var reset = await Assert.ThrowsAsync<HttpRequestException>(() => TestAgent.SendAsync(client, route + Paths.Echo, authorization));

        var protocol = Assert.IsType<HttpProtocolException>(reset.InnerException);
        Assert.Equal(0xd, protocol.ErrorCode);
    }

    [Fact]
    public async Task TokenOrWindowsRoute_Http2WithoutCredentials_401OffersTokensOnly()
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        var settings = domain.Settings();
        settings["Kestrel:Endpoints:Http:Protocols"] = "Http2";
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.NewClient(HttpVersion.Version20);

        using var response = await client.GetAsync("/mixed" + Paths.Echo);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["SMPToken realm=\"SMP\""], Challenge.All(response));
    }

    /// <summary>The agent's machine account as an NTLM client (gss-ntlmssp): what a Windows agent without Kerberos sends.</summary>
    private static NegotiateAuthentication NtlmClient(WindowsDomain domain, string password) => new(new NegotiateAuthenticationClientOptions
    {
        Package = "NTLM",
        Credential = new NetworkCredential(domain.Machine, password, "EXAMPLE"),
        TargetName = "HTTP/" + domain.ServiceHost,
    });
}
