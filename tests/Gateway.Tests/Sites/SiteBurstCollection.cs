namespace Smp.Gateway.Tests.Sites;

/// <summary>Tests that measure: they run alone, after the others, so two cores are theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiteBurstCollection
{
    public const string Name = "Site measurements";
}
