using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Agents;

/// <summary>§4: enrollment.</summary>
public sealed class EnrollmentTests(EnrollmentTests.Fixture fixture) : IClassFixture<EnrollmentTests.Fixture>
{
    private const string AccUser = @"EXAMPLE\svc-acc";
    private const string AccPassword = "correct horse battery staple";

    public sealed class Fixture : IAsyncLifetime
    {
        internal GatewayHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Acc:Accounts:0:User"] = AccUser,
            ["Gateway:Acc:Accounts:0:PasswordHash"] = PasswordHash.Create(AccPassword, 10_000),
            ["Gateway:Acc:AllowPlainHttp"] = "true",
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Enroll_NewAgent_CreatedWithThumbprintAndServerKeys()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        using var response = await PostAsync(client, agent.EnrollmentBody(), r => r.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(agent.AgentId, body.GetProperty("agentId").GetString());
        Assert.Equal(agent.Jkt, body.GetProperty("jkt").GetString());
        Assert.Equal(1, body.GetProperty("keys").GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task Enroll_SameKeyAgain_Ok()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        using var again = await agent.EnrollAsync(client);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Enroll_OtherKeySameId_Conflict()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        var impostor = new TestAgent(TestAgent.ForeignKey(0), agent.AgentId);
        using var response = await PostAsync(client, impostor.EnrollmentBody(), r => r.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("key-conflict", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Enroll_RevokedAgent_Forbidden()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        await Host.Admin.RevokeAgentAsync(agent.AgentId);
        using var response = await PostAsync(client, agent.EnrollmentBody(), r => r.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("agent-revoked", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Enroll_NoCredentials_Unauthorized()
    {
        using var client = Host.NewClient();
        using var response = await PostAsync(client, TestAgent.New().EnrollmentBody(), null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("credentials-required", Challenge.ErrorOf(response));
        Assert.Contains("Basic realm=\"SMP\"", Challenge.All(response));
    }

    [Theory]
    [InlineData("wrong-secret-but-long-enough", null)]
    [InlineData(null, "wrong password")]
    public async Task Enroll_WrongCredentials_Unauthorized(string? secret, string? password)
    {
        using var client = Host.NewClient();
        using var response = await PostAsync(client, TestAgent.New().EnrollmentBody(), r =>
        {
            if (secret is not null) { r.Headers.Add("X-SMP-Enrollment", secret); }
            if (password is not null) { r.Headers.Authorization = Basic(AccUser, password); }
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("credentials-invalid", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Enroll_WithAccCredentials_Created()
    {
        using var client = Host.NewClient();
        using var response = await PostAsync(client, TestAgent.New().EnrollmentBody(), r => r.Headers.Authorization = Basic(AccUser.ToLowerInvariant(), AccPassword));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string> BadBodies()
    {
        var agent = TestAgent.New();
        string id = agent.AgentId;
        string key = $"{{\"kty\":\"RSA\",\"n\":\"{agent.N}\",\"e\":\"{agent.E}\"}}";
        var small = RSA.Create(1024).ExportParameters(false);
        string smallKey = $"{{\"kty\":\"RSA\",\"n\":\"{B64.Url(small.Modulus!)}\",\"e\":\"AQAB\"}}";
        return new TheoryData<string, string>
        {
            { "not json", "body" },
            { "[]", "body" },
            { $"{{\"publicKey\":{key}}}", "agentId" },
            { $"{{\"agentId\":\"{id.ToUpperInvariant()}\",\"publicKey\":{key}}}", "agentId" },
            { $"{{\"agentId\":\"not-a-guid\",\"publicKey\":{key}}}", "agentId" },
            { $"{{\"agentId\":\"{id}\"}}", "publicKey" },
            { $"{{\"agentId\":\"{id}\",\"agentId\":\"{id}\",\"publicKey\":{key}}}", "agentId" },
            { $"{{\"agentId\":\"{id}\",\"publicKey\":{key},\"extra\":1}}", "extra" },
            { $"{{\"agentId\":\"{id}\",\"publicKey\":{smallKey}}}", "publicKey.n" },
            { $"{{\"agentId\":\"{id}\",\"publicKey\":{key.Replace("\"AQAB\"", "\"Aw\"")}}}", "publicKey.e" },
            { $"{{\"agentId\":\"{id}\",\"publicKey\":{key.Replace("\"RSA\"", "\"EC\"")}}}", "publicKey.kty" },
            { $"{{\"agentId\":\"{id}\",\"publicKey\":{key.Replace("}", ",\"d\":\"AQAB\"}")}}}", "publicKey.d" },
            { $"{{\"agentId\":\"{id}\",\"publicKey\":{key.Replace("\"n\":\"", "\"n\":\"AA")}}}", "publicKey.n" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Enroll_BadBody_BadRequestNamingTheField(string body, string field)
    {
        using var client = Host.NewClient();
        using var response = await PostAsync(client, body, r => r.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed", Challenge.ErrorOf(response));
        string message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith(field + ":", message);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, Action<HttpRequestMessage>? configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        return client.SendAsync(request);
    }
}
