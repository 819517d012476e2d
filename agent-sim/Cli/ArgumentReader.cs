using System.Globalization;

namespace Smp.AgentSim.Cli;

/// <summary>
/// The flags of one verb, <c>--name value</c> or <c>--name=value</c>. Each read marks its flag as
/// known; <see cref="EnsureAllRead"/> then refuses any flag the verb does not have.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly string _verb;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bare = new(StringComparer.Ordinal);

    public ArgumentReader(string verb, IReadOnlyList<string> arguments)
    {
        _verb = verb;
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                throw new UsageException($"'{verb}': unexpected argument '{argument}'; flags look like --name value");
            }

            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? argument : argument[..equals];
            string value;
            if (equals >= 0)
            {
                value = argument[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = arguments[++i];
            }
            else
            {
                // A switch such as --hierarchy; a flag that needs a value says so when it is read.
                if (!_bare.Add(name))
                {
                    throw new UsageException($"{name}: given more than once");
                }

                continue;
            }

            if (_bare.Contains(name) || !_values.TryAdd(name, value))
            {
                throw new UsageException($"{name}: given more than once");
            }
        }
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _bare.Contains(name) ? throw new UsageException($"{name}: a value is required") : _values.GetValueOrDefault(name);
    }

    /// <summary>A switch: true when given bare (<c>--name</c>) or as <c>--name=true</c>.</summary>
    public bool Flag(string name)
    {
        _read.Add(name);
        return _bare.Contains(name) || _values.GetValueOrDefault(name) == "true";
    }

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } value ? value : throw new UsageException($"{name}: required for '{_verb}'");

    public int Int(string name, int defaultValue, int min, int max)
    {
        if (String(name) is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"{name}: expected a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }

    public long? Long(string name, long min, long max)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new UsageException($"{name}: expected a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }

    /// <summary>Refuses the flags that no read asked for.</summary>
    public void EnsureAllRead()
    {
        string[] unknown = _values.Keys.Concat(_bare).Where(name => !_read.Contains(name)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            string near = Smp.Gateway.Configuration.NearestName.Find(unknown[0], _read) is { } name ? $"; did you mean {name}?" : string.Empty;
            throw new UsageException($"{string.Join(", ", unknown)}: unknown flag for '{_verb}'{near} (see agent-sim --help)");
        }
    }
}
