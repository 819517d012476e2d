namespace Smp.Gateway.Administration;

/// <summary>
/// The words and options of an admin subcommand: <c>--name VALUE</c> options, <c>--json</c> and <c>--force</c>
/// switches, the rest positional. <c>--config FILE</c> is handed to the host exactly as the server takes it.
/// </summary>
internal sealed class AdminArguments
{
    private static readonly HashSet<string> Switches = ["--json", "--force"];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public AdminArguments(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (Switches.Contains(a))
            {
                _switches.Add(a);
            }
            else if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new AdminUsageException($"{a}: a value is required.");
                }

                _options[a] = args[++i];
            }
            else
            {
                _positional.Add(a);
            }
        }
    }

    public bool Json => _switches.Contains("--json");
    public bool Force => _switches.Contains("--force");

    /// <summary>The arguments the gateway host reads its configuration from: <c>--config FILE</c>, if given.</summary>
    public string[] HostArgs => _options.TryGetValue("--config", out string? file) ? ["--config", file] : [];

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string RequiredOption(string name) => Option(name) ?? throw new AdminUsageException($"{name} is required.");

    /// <summary>The positional word at <paramref name="index"/> (0 is the verb group, 1 the verb).</summary>
    public string? At(int index) => index < _positional.Count ? _positional[index] : null;

    public string Required(int index, string what) => At(index) ?? throw new AdminUsageException($"{what} is required.");

    /// <summary>Refuses options this verb does not know, so a misspelt one is never silently ignored.</summary>
    public void Allow(params string[] names)
    {
        foreach (string name in _options.Keys.Where(n => n != "--config" && !names.Contains(n)))
        {
            throw new AdminUsageException($"{name} does not apply here.");
        }
    }
}
