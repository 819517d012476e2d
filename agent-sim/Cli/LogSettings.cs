using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Cli;

/// <summary>
/// <c>--log CATEGORY=LEVEL[,CATEGORY=LEVEL]</c>: the level of each agent log category
/// (<see cref="AgentLogCategories"/>, or a prefix such as <c>Smp.Agent</c>), written to stderr.
/// Categories not named stay at <see cref="DefaultLevel"/>.
/// </summary>
internal sealed class LogSettings
{
    public const string Flag = "--log";
    public const LogLevel DefaultLevel = LogLevel.Warning;

    private LogSettings(IReadOnlyDictionary<string, LogLevel> levels) => Levels = levels;

    /// <summary>The levels given, by category; empty when the flag is not.</summary>
    public IReadOnlyDictionary<string, LogLevel> Levels { get; }

    public static LogSettings Read(ArgumentReader arguments) => Parse(arguments.String(Flag));

    /// <summary>Throws <see cref="UsageException"/>, naming the flag, on a bad value.</summary>
    public static LogSettings Parse(string? text)
    {
        var levels = new Dictionary<string, LogLevel>(StringComparer.Ordinal);
        if (text is null)
        {
            return new LogSettings(levels);
        }

        foreach (string item in text.Split(','))
        {
            string[] pair = item.Split('=');
            if (pair.Length != 2 || pair[0].Trim() is not { Length: > 0 } category || pair[1].Trim() is not { Length: > 0 } level)
            {
                throw new UsageException($"{Flag}: expected CATEGORY=LEVEL[,CATEGORY=LEVEL], got '{item}'");
            }

            if (!AgentLogCategories.All.Any(known => known == category || known.StartsWith(category + ".", StringComparison.Ordinal)))
            {
                throw new UsageException($"{Flag}: unknown category '{category}'; expected one of {string.Join(", ", AgentLogCategories.All)} or a prefix of one");
            }

            // Names only: Enum.TryParse would also take "3" or "99".
            if (!Enum.GetNames<LogLevel>().Contains(level, StringComparer.OrdinalIgnoreCase))
            {
                throw new UsageException($"{Flag}: unknown level '{level}' for {category}; expected one of {string.Join(", ", Enum.GetNames<LogLevel>())}");
            }

            if (!levels.TryAdd(category, Enum.Parse<LogLevel>(level, ignoreCase: true)))
            {
                throw new UsageException($"{Flag}: {category} given more than once");
            }
        }

        return new LogSettings(levels);
    }

    /// <summary>A factory writing single lines to stderr, the summary's stdout left alone; dispose it to flush.</summary>
    public ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(DefaultLevel);
        foreach ((string category, LogLevel level) in Levels)
        {
            builder.AddFilter(category, level);
        }

        builder.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddSimpleConsole(format =>
        {
            format.SingleLine = true;
            format.TimestampFormat = "HH:mm:ss.fff ";
            format.UseUtcTimestamp = true;
        });
    });
}
