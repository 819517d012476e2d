namespace Smp.Gateway.Authentication;

/// <summary>An <c>Authorization</c> header read into its kind and parts; nothing here is validated beyond syntax.</summary>
internal readonly record struct Credentials(
    CredentialKind Kind, string? AgentId = null, string? Uid = null, string? Proof = null, string? User = null, string? Password = null)
{
    public static readonly Credentials None = new(CredentialKind.None);
    public static readonly Credentials Malformed = new(CredentialKind.Malformed);
}
