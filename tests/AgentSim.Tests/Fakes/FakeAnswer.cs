using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>What the fake gateway answers: a status, maybe an error code, maybe a token challenge.</summary>
internal sealed record FakeAnswer(int Status, string? NsError = null, string? ChallengeToken = null)
{
    public static FakeAnswer Ok { get; } = new(200);
}
