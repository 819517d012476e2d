namespace Smp.AgentSim.Tests.Fakes;

[CollectionDefinition(Name)]
public sealed class KeysCollection : ICollectionFixture<KeyFixture>
{
    public const string Name = "keys";
}
