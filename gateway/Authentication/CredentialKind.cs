namespace Smp.Gateway.Authentication;

/// <summary>What an <c>Authorization</c> header carries.</summary>
internal enum CredentialKind
{
    None,
    Hello,
    Proof,
    Basic,
    Other,
    Malformed,
}
