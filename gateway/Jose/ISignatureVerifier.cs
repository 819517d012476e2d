namespace Smp.Gateway.Jose;

/// <summary>Anything that checks an RS256 signature: a server key, an agent's key.</summary>
internal interface ISignatureVerifier
{
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
