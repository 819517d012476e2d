using System.Security.Cryptography;
using System.Text;

namespace Smp.AgentSim.Protocol;

/// <summary>An agent's id and RSA key (PROTOCOL.md §1). Owns the key; dispose it with the agent.</summary>
internal sealed class AgentIdentity : IDisposable
{
    public const int KeySizeInBits = 2048;

    private readonly RSA _key;
    private readonly Lock _signing;
    private readonly bool _ownsKey;

    private AgentIdentity(string agentId, RSA key, Lock? signing = null)
    {
        AgentId = agentId;
        _key = key;
        _signing = signing ?? new Lock();
        _ownsKey = signing is null;
        PublicKey = RsaPublicJwk.FromParameters(key.ExportParameters(includePrivateParameters: false));
        Thumbprint = PublicKey.Thumbprint();
    }

    /// <summary>Lowercase GUID, "D" format.</summary>
    public string AgentId { get; }

    public RsaPublicJwk PublicKey { get; }

    /// <summary>The <c>jkt</c> of §2.</summary>
    public string Thumbprint { get; }

    public static AgentIdentity Create()
    {
        RSA key = RSA.Create(KeySizeInBits);
        return new AgentIdentity(Guid.NewGuid().ToString("D"), key);
    }

    public static AgentIdentity FromPem(string agentId, string pkcs8Pem)
    {
        if (!Guid.TryParseExact(agentId, "D", out Guid parsed) || parsed.ToString("D") != agentId)
        {
            throw new FormatException("The agent id is not a lowercase GUID.");
        }

        RSA key = RSA.Create();
        try
        {
            key.ImportFromPem(pkcs8Pem);
            if (key.KeySize < KeySizeInBits)
            {
                throw new CryptographicException($"The key is {key.KeySize} bits; at least {KeySizeInBits} are required.");
            }

            return new AgentIdentity(agentId, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public string ExportPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// Another agent with this key, its id derived from this one's and <paramref name="index"/> (so a
    /// run is repeatable): a load tool's economy, since ids do not depend on keys (§1). The alias
    /// borrows the key, and this identity must outlive it.
    /// </summary>
    public AgentIdentity Alias(int index)
    {
        byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes(AgentId + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // A version 8 (custom) UUID with the RFC 9562 variant.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        string id = Convert.ToHexStringLower(hash, 0, 16).Insert(20, "-").Insert(16, "-").Insert(12, "-").Insert(8, "-");
        return new AgentIdentity(id, _key, _signing);
    }

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 over the ASCII bytes of <paramref name="signingInput"/> (§6).</summary>
    public byte[] Sign(string signingInput)
    {
        byte[] data = Encoding.ASCII.GetBytes(signingInput);
        // The contract of RSA does not promise concurrent use of one instance; agents sign rarely.
        lock (_signing)
        {
            return _key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    public void Dispose()
    {
        if (_ownsKey)
        {
            _key.Dispose();
        }
    }
}
