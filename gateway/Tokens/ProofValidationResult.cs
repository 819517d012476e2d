using Smp.Gateway.Agents;

namespace Smp.Gateway.Tokens;

/// <summary>
/// The decision on one proof: success, or the status and <c>X-SMP-NSError</c> code of the first
/// failed check. <see cref="Claims"/> holds what could be parsed, for the log and a fresh challenge;
/// <see cref="Counter"/> the nonce's <c>ctr</c> of an accepted proof (0 otherwise).
/// </summary>
internal sealed record ProofValidationResult(int Status, string? Error, TokenClaims Claims, Agent? Agent, long Counter = 0)
{
    public bool Succeeded => Error is null;

    public static ProofValidationResult Success(TokenClaims claims, Agent agent, long counter) => new(200, null, claims, agent, counter);

    public static ProofValidationResult Unauthorized(string error, TokenClaims claims, Agent? agent = null) => new(401, error, claims, agent);

    public static ProofValidationResult Forbidden(string error, TokenClaims claims, Agent? agent = null) => new(403, error, claims, agent);
}
