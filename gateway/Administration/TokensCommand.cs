using Smp.Gateway.LongLivedTokens;

namespace Smp.Gateway.Administration;

/// <summary>
/// <c>gateway tokens issue-push --name N | issue-asdk --name N --paths /a,/b [--lifetime D.HH:MM:SS] | list | revoke ID</c>:
/// long-lived tokens, in the server's store. The secret is printed once, at issue, and kept nowhere.
/// </summary>
internal static class TokensCommand
{
    public static async Task<int> RunAsync(AdminArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        string verb = args.Required(1, "A verb (issue-push, issue-asdk, list, revoke)");
        await using var session = await AdminSession.OpenAsync(args, cancellationToken);
        var service = session.Get<LongLivedTokenService>();
        long now = session.Get<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        switch (verb)
        {
            case "issue-push" or "issue-asdk":
                var kind = verb == "issue-push" ? LongLivedTokenKind.PushInstall : LongLivedTokenKind.Asdk;
                string[]? paths = args.Option("--paths")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                TimeSpan? lifetime = args.Option("--lifetime") is { } l
                    ? TimeSpan.TryParse(l, System.Globalization.CultureInfo.InvariantCulture, out var span) ? span : throw new AdminUsageException($"--lifetime: '{l}' is not a time span such as 30.00:00:00.")
                    : null;
                (LongLivedToken token, string secret) issued;
                try
                {
                    issued = await service.IssueAsync(kind, args.RequiredOption("--name"), paths, lifetime, cancellationToken);
                }
                catch (ArgumentException e)
                {
                    throw new AdminUsageException(e.Message);
                }

                session.Audit($"token {issued.token.Id} ({kind}, '{issued.token.Name}') issued");

                if (args.Json)
                {
                    AdminJson.Write(output, new { issued.token.Id, Kind = kind.ToString(), issued.token.Name, Paths = service.PathsOf(issued.token), ExpiresAt = AdminJson.Iso(issued.token.ExpiresAt), Token = issued.secret });
                    return 0;
                }

                output.WriteLine($"Token {issued.token.Id} ({kind}, '{issued.token.Name}') for {string.Join(", ", service.PathsOf(issued.token))}, expires {AdminJson.Time(issued.token.ExpiresAt)}.");
                output.WriteLine("Send it as 'Authorization: Bearer <token>'. It is shown this once; only its digest is kept:");
                output.WriteLine(issued.secret);
                return 0;

            case "list":
                var tokens = await service.ListAsync(cancellationToken);
                var rows = tokens.Select(t => new
                {
                    t.Id, Kind = t.Kind.ToString(), t.Name, Paths = service.PathsOf(t), ExpiresAt = AdminJson.Iso(t.ExpiresAt),
                    Status = t.Revoked ? "revoked" : t.IsExpired(now) ? "expired" : "active",
                }).ToList();
                if (args.Json)
                {
                    AdminJson.Write(output, rows);
                    return 0;
                }

                var table = new TextTable("ID", "KIND", "NAME", "STATUS", "EXPIRES", "PATHS");
                rows.ForEach(r => table.Add(r.Id, r.Kind, r.Name, r.Status, r.ExpiresAt ?? "never", string.Join(",", r.Paths)));
                table.WriteTo(output);
                output.WriteLine($"{rows.Count} token(s).");
                return 0;

            case "revoke":
                string id = args.Required(2, "A token id");
                if (!await service.RevokeAsync(id, cancellationToken))
                {
                    output.WriteLine($"No long-lived token has the id {id}.");
                    return 1;
                }

                session.Audit("revoked");
                output.WriteLine($"Token {id} revoked: it is refused from now on (403 token-revoked).");
                return 0;

            default:
                throw new AdminUsageException($"'{verb}' is not a tokens verb.");
        }
    }
}
