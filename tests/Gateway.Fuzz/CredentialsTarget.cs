using System.Text;
using Smp.Gateway.Agents;
using Smp.Gateway.Authentication;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// <c>credentials</c>: <see cref="CredentialsParser.Parse"/> of an <c>Authorization</c> value, then
/// what the handler does next with a hello (agent id and uid checks) or a proof (its parser); and that
/// <see cref="CredentialsParser.IsBasic"/>, which routes read, agrees with it.
/// </summary>
internal static class CredentialsTarget
{
    public static void Run(ReadOnlySpan<byte> input)
    {
        string header = Encoding.UTF8.GetString(input);
        Credentials credentials = CredentialsParser.Parse(header);
        // A route hands a header to the ACC scheme by its scheme name alone: every Basic the parser reads must be
        // handed over, and nothing handed over may read as another scheme's.
        bool handed = CredentialsParser.IsBasic(header);
        if (handed ? credentials.Kind is not (CredentialKind.Basic or CredentialKind.Malformed) : credentials.Kind == CredentialKind.Basic)
        {
            throw new InvalidOperationException($"IsBasic and Parse disagree: {credentials.Kind}.");
        }

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
