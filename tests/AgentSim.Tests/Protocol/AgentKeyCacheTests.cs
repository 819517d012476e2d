using Smp.AgentSim.Protocol;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Protocol;

[Collection(KeysCollection.Name)]
public sealed class AgentKeyCacheTests(KeyFixture keys)
{
    [Fact]
    public void LoadOrCreate_KeysInFolder_ReusesThem()
    {
        IReadOnlyList<AgentIdentity> again = AgentKeyCache.LoadOrCreate(keys.KeyFolder, KeyFixture.AgentCount);
        try
        {
            Assert.Equal(keys.Agents.Select(a => (a.AgentId, a.Thumbprint)).Order(), again.Select(a => (a.AgentId, a.Thumbprint)).Order());
        }
        finally
        {
            foreach (AgentIdentity identity in again)
            {
                identity.Dispose();
            }
        }
    }

    [Fact]
    public void LoadOrCreate_NewKeys_AreOwnerOnlyPkcs8Files()
    {
        Assert.All(keys.Agents, agent =>
        {
            string path = Path.Combine(keys.KeyFolder, agent.AgentId + ".pem");
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Equal(agent.AgentId.ToLowerInvariant(), agent.AgentId);
            Assert.True(Guid.TryParseExact(agent.AgentId, "D", out _));
        });
    }

    [Fact]
    public void LoadOrCreate_FewerRequested_LoadsOnlyThose()
    {
        IReadOnlyList<AgentIdentity> one = AgentKeyCache.LoadOrCreate(keys.KeyFolder, 1);
        try
        {
            Assert.Single(one);
            Assert.Equal(KeyFixture.AgentCount, Directory.GetFiles(keys.KeyFolder, "*.pem").Length);
        }
        finally
        {
            one[0].Dispose();
        }
    }
}
