using Smp.Gateway.Agents;

namespace Smp.Gateway.Tokens;

/// <summary>
/// The decision on one proof: success, or the status and <c>X-SMP-NSError</c> code of the first
/// failed check. <see cref="Claims"/> holds what could be parsed, for the log and a fresh challenge.
/// </summary>
internal sealed record ProofValidationResult(int Status, string? Error, TokenClaims Claims, Agent? Agent)
{
    public bool Succeeded => Error is null;

    public static ProofValidationResult Success(TokenClaims claims, Agent agent) => new(200, null, claims, agent);

    public static ProofValidationResult Unauthorized(string error, TokenClaims claims, Agent? agent = null) => new(401, error, claims, agent);

    public static ProofValidationResult Forbidden(string error, TokenClaims claims, Agent? agent = null) => new(403, error, claims, agent);
}
