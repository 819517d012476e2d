using System.Security.Cryptography;
using Smp.Gateway.Jose;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Agents;

/// <summary>An enrolled agent: its id, its public key and whether it is active. Immutable; a change makes a new one.</summary>
internal sealed class Agent : ISignatureVerifier
{
    private readonly Lazy<RSA> _rsa;

    public Agent(string agentId, RsaJwk key, AgentStatus status)
    {
        AgentId = agentId;
        Key = key;
        Status = status;
        _rsa = new Lazy<RSA>(key.CreateRsa, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string AgentId { get; }
    public RsaJwk Key { get; }
    public AgentStatus Status { get; }
    public bool IsActive => Status == AgentStatus.Active;

    /// <summary>The code a hello or proof of this agent is refused with (403): none when active, <c>agent-pending</c> while it awaits approval.</summary>
    public string? RefusalCode => Status switch
    {
        AgentStatus.Active => null,
        AgentStatus.Pending => NsError.AgentPending,
        _ => NsError.AgentRevoked,
    };

    public Agent With(AgentStatus status) => new(AgentId, Key, status);

    /// <summary>What enrolling this agent's id again with <paramref name="key"/> comes to (§4).</summary>
    public EnrollOutcome EnrollAgain(RsaJwk key) =>
        Key.Thumbprint != key.Thumbprint ? EnrollOutcome.KeyConflict
        : Status is AgentStatus.Active or AgentStatus.Pending ? EnrollOutcome.AlreadyEnrolled
        : EnrollOutcome.Revoked;

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (§6); a signature of the wrong length is refused before the RSA operation.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Key.Parameters.Modulus!.Length)
        {
            return false;
        }

        try
        {
            return _rsa.Value.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
