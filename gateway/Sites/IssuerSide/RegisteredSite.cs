using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Smp.Gateway.Sites.IssuerSide;

/// <summary>
/// A Site known to the Issuer: its id, the public half of its key, and the audiences it may ask tokens
/// for. The encrypting credentials are made once per Site: IdentityModel caches its providers per key.
/// </summary>
internal sealed class RegisteredSite(string id, RSA publicKey, FrozenSet<string> audiences)
{
    public string Id { get; } = id;

    public FrozenSet<string> Audiences { get; } = audiences;

    /// <summary>JWE for this Site (§10): RSA-OAEP key wrap, A256CBC-HS512 content (A256GCM fails on Linux).</summary>
    public EncryptingCredentials Encrypting { get; } = new(
        new RsaSecurityKey(publicKey) { KeyId = id }, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512);

    public bool Verify(ReadOnlySpan<byte> body, ReadOnlySpan<byte> signature) =>
        publicKey.VerifyData(body, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
