using System.Text;
using Smp.Gateway.Agents;
using Smp.Gateway.Authentication;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// <c>credentials</c>: <see cref="CredentialsParser.Parse"/> of an <c>Authorization</c> value, then
/// what the handler does next with a hello (agent id and uid checks) or a proof (its parser).
/// </summary>
internal static class CredentialsTarget
{
    public static void Run(ReadOnlySpan<byte> input)
    {
        Credentials credentials = CredentialsParser.Parse(Encoding.UTF8.GetString(input));
        switch (credentials.Kind)
        {
            case CredentialKind.Hello:
                _ = AgentId.IsValid(credentials.AgentId) && ProofParser.IsUid(credentials.Uid);
                break;
            case CredentialKind.Proof:
                _ = ProofParser.TryParse(credentials.Proof!, out _, out _);
                break;
            case CredentialKind.Basic when string.IsNullOrEmpty(credentials.User) || credentials.User.Contains(':', StringComparison.Ordinal):
                throw new InvalidOperationException("Basic credentials with an empty user or a colon in it.");
        }
    }
}
