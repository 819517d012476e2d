namespace Smp.Gateway.Tokens;

/// <summary>A nonce as read: <c>{"uid":..,"ctr":..}</c>, in the token's header (counter 0) or the agent's part 4.</summary>
internal struct NonceValue
{
    public string Uid;
    public long Counter;
}
