using System.CommandLine;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Cli;

/// <summary>
/// What a wrong command line gets: one line per error, an unknown word with the nearest option or subcommand of
/// the command it was given to, and where the usage is. Exit code 64.
/// </summary>
internal static class UsageErrors
{
    public static void Write(ParseResult result, TextWriter error)
    {
        var command = result.CommandResult.Command;
        string path = string.Join(' ', Path(result.CommandResult));
        var unmatched = result.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        foreach (string token in result.UnmatchedTokens)
        {
            var known = token.StartsWith('-')
                ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            string kind = token.StartsWith('-') ? "option" : command.Subcommands.Count > 0 ? "command" : "argument";
            error.WriteLine(NearestName.Find(token, known) is { } near
                ? $"{path}: unknown {kind} '{token}'; did you mean '{near}'?"
                : $"{path}: unknown {kind} '{token}' (known: {string.Join(", ", known.Where(k => k.StartsWith("--", StringComparison.Ordinal) || !k.StartsWith('-')))}).");
        }

        // An unknown word stands where a subcommand was expected: "no command given" would only repeat it.
        foreach (var e in result.Errors.Where(e => !unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))
            && !(unmatched.Count > 0 && e.SymbolResult is System.CommandLine.Parsing.CommandResult && result.CommandResult.Command.Subcommands.Count > 0)))
        {
            error.WriteLine($"{path}: {e.Message}");
        }

        error.WriteLine($"Run '{path} --help' for the usage.");
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(r.Command is RootCommand ? "gateway" : r.Command.Name);
        }

        return names;
    }
}
