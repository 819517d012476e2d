namespace Smp.Gateway.Administration;

/// <summary>
/// An admin subcommand as the command line parsed it: its words (group, verb, then the id), its options by name,
/// <c>--json</c> and <c>--force</c>, and the arguments the gateway host reads its configuration from
/// (<c>--config FILE</c> and <c>--Section:Key=VALUE</c> settings), exactly as the server takes them.
/// </summary>
internal sealed class AdminArguments(
    IReadOnlyList<string> words, IReadOnlyDictionary<string, string> options, bool json, bool force, string[] hostArgs)
{
    public bool Json => json;
    public bool Force => force;

    /// <summary>The arguments the gateway host reads its configuration from.</summary>
    public string[] HostArgs => hostArgs;

    public string? Option(string name) => options.GetValueOrDefault(name);

    public string RequiredOption(string name) => Option(name) ?? throw new AdminUsageException($"{name} is required.");

    /// <summary>The word at <paramref name="index"/> (0 is the verb group, 1 the verb, 2 its id).</summary>
    public string? At(int index) => index < words.Count ? words[index] : null;

    public string Required(int index, string what) => At(index) ?? throw new AdminUsageException($"{what} is required.");
}
