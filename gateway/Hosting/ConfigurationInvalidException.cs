namespace Smp.Gateway.Hosting;

/// <summary>The configuration has problems, each a line naming its key. Exit code 2.</summary>
internal sealed class ConfigurationInvalidException(IReadOnlyList<string> problems)
    : Exception($"The configuration is not valid ({problems.Count} problem(s)).")
{
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>One problem on one line; several under a heading, one line each.</summary>
    public void WriteTo(TextWriter writer)
    {
        if (Problems.Count == 1)
        {
            writer.WriteLine("The configuration is not valid: " + Problems[0]);
            return;
        }

        writer.WriteLine($"The configuration is not valid ({Problems.Count} problems):");
        foreach (string problem in Problems)
        {
            writer.WriteLine("  " + problem);
        }
    }
}
