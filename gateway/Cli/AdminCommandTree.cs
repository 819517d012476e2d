using System.CommandLine;
using Smp.Gateway.Administration;

namespace Smp.Gateway.Cli;

/// <summary>
/// <c>gateway agents | keys | tokens VERB</c>: each verb a command of its own, with its argument and options, run
/// by <see cref="AdminCommands"/> over the server's own store, read from the same configuration.
/// </summary>
internal static class AdminCommandTree
{
    public static IEnumerable<Command> Build(string[] settings)
    {
        yield return Group("agents", "The enrolled agents, in the server's agent store.", settings,
            Verb("list", "Every enrolled agent: id, key thumbprint, status, enrolled at.", json: true,
                flags: [new Option<bool>("--pending") { Description = "Only the agents awaiting approval (Gateway:Enrollment:Approval Manual)." }]),
            Verb("show", "One agent and its key.", argument: "ID", json: true),
            Verb("approve", "Lets a pending agent in: its hellos get tokens instead of 403 agent-pending.", argument: "ID"),
            Verb("block", "Refuses the agent's hellos, proofs and enrollments (403 agent-revoked) until approved.", argument: "ID"),
            Verb("revoke", "Refuses the agent's hellos and proofs (403 agent-revoked).", argument: "ID"),
            Verb("reinstate", "Makes a revoked agent active again.", argument: "ID"),
            Verb("replace-key", "Gives the agent a new public key; tokens bound to the old one are refused (403 key-mismatch).", argument: "ID",
                options: [new Option<string>("--key") { HelpName = "PUBLIC-JWK.json", Description = "The agent's new public RSA JWK (kty, n, e).", Required = true }]));
        yield return Group("report", "What the agents did: who still uses ACC, when each agent was last seen, whether ACC can be switched off.", settings,
            Verb("acc", "Who still uses ACC, by account, address and User-Agent, newest first.", json: true, options: [Html()]),
            Verb("agents", "Every enrolled agent by last seen, with its last method, address and User-Agent.", json: true,
                options: [Html(), new Option<string>("--stale") { HelpName = "30d", Description = "Only the agents not seen for this long (30d, 12h, 90m)." }]),
            Verb("readiness", "Whether ACC can be switched off: no ACC use for --days days outside UNC-codebase routes. Exit 0 yes, 1 no (the sources named).", json: true,
                options: [Html(), new Option<string>("--days") { HelpName = "N", Description = $"The days without ACC use asked for. Default {ReportCommand.DefaultDays}." }]));
        yield return Group("keys", "The Issuer's signing keys, in its key files; a running gateway on those files follows within two seconds.", settings,
            Verb("list", "The published keys: which signs now, and which signs from when.", json: true),
            Verb("rotate", "Writes a new signing key; it is published at once and signs after Gateway:Tokens:RotationLead.", force: true),
            Verb("retire", "Stops publishing a previous key; its tokens are refused (401 unknown-key).", argument: "KID", force: true));
        yield return Group("tokens", "Long-lived tokens (push-install, ASDK), sent as Authorization: Bearer.", settings,
            Verb("issue-push", "Issues a push-install token: it never expires, and calls Gateway:LongLivedTokens:PushInstallPaths only.", json: true,
                options: [Name()]),
            Verb("issue-asdk", "Issues an ASDK token for the given paths only, until it expires.", json: true,
                options:
                [
                    Name(),
                    new Option<string>("--paths") { HelpName = "/a,/b", Description = "The path prefixes it may call, comma-separated.", Required = true },
                    new Option<string>("--lifetime") { HelpName = "D.HH:MM:SS", Description = "How long it is valid. Default: Gateway:LongLivedTokens:AsdkLifetime (30.00:00:00)." },
                ]),
            Verb("list", "Every long-lived token: id, kind, name, status, expiry, paths (never the secret).", json: true),
            Verb("revoke", "Refuses the token from now on (403 token-revoked).", argument: "ID"));
    }

    private static Option<string> Html() => new("--html") { HelpName = "FILE", Description = "Also write one self-contained HTML page with charts of authentications by method per day." };

    private static Option<string> Name() => new("--name") { HelpName = "NAME", Description = "Who or what holds it, for the list and the log.", Required = true };

    private static Func<string, string[], Command> Verb(
        string name, string description, string? argument = null, bool json = false, bool force = false, Option<string>[]? options = null,
        Option<bool>[]? flags = null) =>
        (group, settings) =>
        {
            var config = GatewayCommands.ConfigOption();
            var command = new Command(name, description) { config };
            var id = argument is null ? null : new Argument<string>(argument);
            var jsonOption = json ? new Option<bool>("--json") { Description = "JSON for scripts (dates in ISO 8601) instead of aligned text." } : null;
            var forceOption = force ? new Option<bool>("--force") { Description = "Even when tokens it signed may still be valid." } : null;
            foreach (var symbol in new Symbol?[] { id, jsonOption, forceOption }.Concat(options ?? []).Concat(flags ?? []).OfType<Symbol>())
            {
                switch (symbol)
                {
                    case Argument a: command.Add(a); break;
                    case Option o: command.Add(o); break;
                }
            }

            command.SetAction((r, ct) =>
            {
                string[] words = id is null ? [group, name] : [group, name, r.GetValue(id)!];
                var values = (options ?? []).Where(o => r.GetValue(o) is not null).ToDictionary(o => o.Name, o => r.GetValue(o)!);
                foreach (var flag in (flags ?? []).Where(f => r.GetValue(f)))
                {
                    values[flag.Name] = "true";
                }

                var args = new AdminArguments(words, values, jsonOption is not null && r.GetValue(jsonOption), forceOption is not null && r.GetValue(forceOption),
                    HostArguments.For(r.GetValue(config), settings));
                return AdminCommands.RunAsync(args, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, ct);
            });
            return command;
        };

    private static Command Group(string name, string description, string[] settings, params Func<string, string[], Command>[] verbs)
    {
        var group = new Command(name, description);
        foreach (var verb in verbs)
        {
            group.Add(verb(name, settings));
        }

        return group;
    }
}
