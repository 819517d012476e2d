using System.Security.Cryptography;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>The few RSA keys the suite needs, generated once: key generation costs 50-100 ms each.</summary>
public sealed class KeyFixture : IDisposable
{
    public const int AgentCount = 3;

    public KeyFixture()
    {
        KeyFolder = Directory.CreateTempSubdirectory("agent-sim-tests-").FullName;
        Agents = AgentKeyCache.LoadOrCreate(KeyFolder, AgentCount);
        ServerKey = RSA.Create(2048);
    }

    public string KeyFolder { get; }

    internal IReadOnlyList<AgentIdentity> Agents { get; }

    public RSA ServerKey { get; }

    public void Dispose()
    {
        foreach (AgentIdentity agent in Agents)
        {
            agent.Dispose();
        }

        ServerKey.Dispose();
        Directory.Delete(KeyFolder, recursive: true);
    }
}
