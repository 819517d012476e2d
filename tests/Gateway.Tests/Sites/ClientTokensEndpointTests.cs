using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Sites;

/// <summary>§10 at the Issuer: who may ask, and what the answer is. Requests are built here from the text of §10.</summary>
public sealed class ClientTokensEndpointTests(SiteHierarchyFixture fixture) : IClassFixture<SiteHierarchyFixture>
{
    private const string PathName = "/smp/site/client-tokens";
    private readonly SiteHierarchy _hierarchy = fixture.Hierarchy;

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { "unknown-site", HttpStatusCode.Forbidden, "site-unknown" },
        { "forged-signature", HttpStatusCode.Forbidden, "site-signature-invalid" },
        { "other-site-key", HttpStatusCode.Forbidden, "site-signature-invalid" },
        { "no-signature", HttpStatusCode.Forbidden, "site-signature-invalid" },
        { "ts-too-old", HttpStatusCode.Forbidden, "request-stale" },
        { "ts-ahead", HttpStatusCode.Forbidden, "request-stale" },
        { "audience-of-other-site", HttpStatusCode.Forbidden, "audience-not-allowed" },
        { "129-requests", HttpStatusCode.BadRequest, "batch-too-large" },
        { "unknown-member", HttpStatusCode.BadRequest, "malformed" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Post_BadRequest_RefusedWithItsCode(string fault, HttpStatusCode status, string code)
    {
        long ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + fault switch { "ts-too-old" => -301, "ts-ahead" => 301, _ => 0 };
        string site = fault == "unknown-site" ? "site-z" : SiteHierarchy.SiteId(0);
        string audience = _hierarchy.Sites[fault == "audience-of-other-site" ? 1 : 0].Url;
        int count = fault == "129-requests" ? 129 : 1;
        string body = Body(site, audience, ts, count, fault == "unknown-member" ? ",\"extra\":1" : "");
        byte[]? signature = fault switch
        {
            "no-signature" => null,
            "forged-signature" => Sign(SiteHierarchy.SiteKey(0), body + " "),
            "other-site-key" => Sign(SiteHierarchy.SiteKey(1), body),
            _ => Sign(SiteHierarchy.SiteKey(0), body),
        };

        using var response = await PostAsync(body, signature);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Post_SameRequestTwice_SecondRefusedAsReplayed()
    {
        string body = Body(SiteHierarchy.SiteId(0), _hierarchy.Sites[0].Url, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1);
        byte[] signature = Sign(SiteHierarchy.SiteKey(0), body);

        using var first = await PostAsync(body, signature);
        using var again = await PostAsync(body, signature);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal("request-replayed", Challenge.ErrorOf(again));
    }

    [Fact]
    public async Task Post_Valid_SignedJweForTheSiteWithTokensKeysAndErrorEntries()
    {
        var active = TestAgent.New();
        var revoked = TestAgent.New();
        using (var issuer = _hierarchy.Issuer.NewClient())
        {
            (await active.EnrollAsync(issuer)).Dispose();
            (await revoked.EnrollAsync(issuer)).Dispose();
        }

        await _hierarchy.Issuer.Admin.RevokeAgentAsync(revoked.AgentId);
        string uid = TestAgent.NewUid(), audience = _hierarchy.Sites[0].Url;
        string requests = $"[{{\"agent\":\"{active.AgentId}\",\"uid\":\"{uid}\"}},{{\"agent\":\"{revoked.AgentId}\",\"uid\":\"{uid}\"}},{{\"agent\":\"{Guid.NewGuid()}\",\"uid\":\"{uid}\"}}]";
        string body = $"{{\"site\":\"{SiteHierarchy.SiteId(0)}\",\"audience\":\"{audience}\",\"ts\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()},\"requests\":{requests}}}";

        using var response = await PostAsync(body, Sign(SiteHierarchy.SiteKey(0), body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jose", response.Content.Headers.ContentType?.MediaType);
        byte[] sent = await response.Content.ReadAsByteArrayAsync();
        using var issuerKey = _hierarchy.Issuer.ReadSigningKey();
        Assert.True(issuerKey.VerifyData(sent, B64Decode(response.Headers.GetValues("X-SMP-Signature").Single()), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        string json = new JsonWebTokenHandler().DecryptToken(
            new JsonWebToken(Encoding.ASCII.GetString(sent)), new TokenValidationParameters { TokenDecryptionKey = new RsaSecurityKey(SiteHierarchy.SiteKey(0)) });
        var tokens = JsonDocument.Parse(json).RootElement.GetProperty("tokens").EnumerateArray().ToArray();
        Assert.Equal(3, tokens.Length);
        Assert.Contains($"\"aud\":\"{audience}\"", B64.Decode(tokens[0].GetProperty("token").GetString()!.Split('.')[1]));
        Assert.Equal(active.N, tokens[0].GetProperty("agentKey").GetProperty("n").GetString());
        Assert.Equal("agent-revoked", tokens[1].GetProperty("error").GetString());
        Assert.False(tokens[1].TryGetProperty("token", out _));
        Assert.Equal("agent-unknown", tokens[2].GetProperty("error").GetString());
    }

    private static string Body(string site, string audience, long ts, int count, string extra = "")
    {
        var requests = string.Join(",", Enumerable.Range(0, count).Select(_ => $"{{\"agent\":\"{Guid.NewGuid()}\",\"uid\":\"{TestAgent.NewUid()}\"}}"));
        return $"{{\"site\":\"{site}\",\"audience\":\"{audience}\",\"ts\":{ts},\"requests\":[{requests}]{extra}}}";
    }

    private static byte[] Sign(RSA key, string body) => key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static byte[] B64Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private async Task<HttpResponseMessage> PostAsync(string body, byte[]? signature)
    {
        using var client = _hierarchy.Issuer.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Post, PathName) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("X-SMP-Site-Signature", B64.Url(signature));
        }

        return await client.SendAsync(request);
    }
}
