using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Smp.AgentSim.Protocol;

/// <summary>Enrolls an agent's key with the Issuer (PROTOCOL.md §4) by the enrollment secret.</summary>
/// <param name="loggerFactory">Where the server keys learnt are logged (<see cref="AgentLogCategories.ServerKeys"/>); default none.</param>
internal sealed class EnrollmentClient(HttpClient http, ILoggerFactory? loggerFactory = null)
{
    public const string SecretHeader = "X-SMP-Enrollment";
    private const int MaxMessageLength = 200;

    private readonly ILogger _keysLogger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(AgentLogCategories.ServerKeys);

    /// <summary>
    /// Sends <c>POST /smp/agents</c>; on 201 or 200 checks the <c>jkt</c> the server computed and
    /// returns the server keys. Throws <see cref="EnrollmentException"/> on any other answer.
    /// </summary>
    public async Task<EnrollmentResult> EnrollAsync(
        Uri server, string secret, AgentIdentity identity, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/smp/agents"))
        {
            Content = new ByteArrayContent(RequestBody(identity)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(SecretHeader, secret);

        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new EnrollmentException(response.StatusCode, SmpHeaders.NsErrorOf(response), Message(body));
        }

        EnrollmentResult result = ParseResult(response.StatusCode, body, identity);
        AgentLog.ServerKeysLearnt(_keysLogger, result.ServerKeys.Count, TokenStore.Origin(server), identity.AgentId);
        return result;
    }

    private static byte[] RequestBody(AgentIdentity identity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("agentId", identity.AgentId);
            writer.WritePropertyName("publicKey");
            identity.PublicKey.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private EnrollmentResult ParseResult(HttpStatusCode status, byte[] body, AgentIdentity identity)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false });
            JsonElement root = document.RootElement;
            string? agentId = root.GetProperty("agentId").GetString();
            string? jkt = root.GetProperty("jkt").GetString();
            if (agentId != identity.AgentId)
            {
                throw new EnrollmentException(status, null, "the answer names another agentId");
            }

            if (jkt != identity.Thumbprint)
            {
                throw new EnrollmentException(status, null, "the server's jkt differs from the thumbprint of the agent key");
            }

            ServerKeySet keys = ServerKeySet.FromJwks(root.GetProperty("keys"), _keysLogger);
            if (keys.Count == 0)
            {
                keys.Dispose();
                throw new EnrollmentException(status, null, "the answer holds no RS256 server key");
            }

            return new EnrollmentResult(agentId, jkt, status == HttpStatusCode.Created, keys);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new EnrollmentException(status, null, "the answer is not the JSON of PROTOCOL.md §4");
        }
    }

    private static string Message(byte[] body)
    {
        // The server's message names the faulty field (§4); it carries no secret, but keep it short.
        string text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "...";
    }
}
