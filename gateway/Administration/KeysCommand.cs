using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Administration;

/// <summary>
/// <c>gateway keys list | rotate | retire KID</c>, at the Issuer, over the key files the server loads. A running
/// gateway on the same files follows within two seconds (<see cref="SigningKeyFileWatch"/>).
/// </summary>
internal static class KeysCommand
{
    public static async Task<int> RunAsync(AdminArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        string verb = args.Required(1, "A verb (list, rotate, retire)");
        await using var session = await AdminSession.OpenAsync(args, cancellationToken);
        if (session.Options.Role != SiteOptionsValidator.Issuer)
        {
            output.WriteLine("This is a Site (Gateway:Role Site): it holds no signing key and verifies with the Issuer's published keys.");
            return 1;
        }

        var ring = session.Get<ServerKeyRing>();
        var files = new SigningKeyFiles(session.Options);
        var now = session.Get<TimeProvider>().GetUtcNow();
        switch (verb)
        {
            case "list":
                // After a rotation a running gateway goes on signing with the previous key until the lead is over.
                bool waiting = ring.Published.Count > 1 && files.CurrentSignsFrom > now;
                var keys = ring.Published.OrderByDescending(k => k == ring.Current).Select(k => new
                {
                    k.Kid, k.Alg, Signs = k == ring.Current != waiting, SignsAt = k == ring.Current && waiting ? AdminJson.Iso(files.CurrentSignsFrom) : null,
                    SignsUntil = k != ring.Current && waiting ? AdminJson.Iso(files.CurrentSignsFrom) : null,
                    Published = true, File = k == ring.Current ? files.Current : files.Previous,
                }).ToList();
                if (args.Json)
                {
                    AdminJson.Write(output, keys);
                    return 0;
                }

                var table = new TextTable("KID", "ALG", "SIGNS", "PUBLISHED", "FILE");
                string at = AdminJson.Time(files.CurrentSignsFrom);
                keys.ForEach(k => table.Add(k.Kid, k.Alg, k.SignsAt is not null ? $"at {at}" : k.SignsUntil is not null ? $"until {at}" : k.Signs ? "yes" : "no", "yes", k.File));
                table.WriteTo(output);
                return 0;

            case "rotate":
                if (!files.Generated)
                {
                    output.WriteLine($"Gateway:Tokens:SigningKeyFile is set ({files.Current}): the gateway does not write that file. Put the new key there and restart.");
                    return 1;
                }

                if (File.Exists(files.Previous) && files.PreviousNeededUntil > now && !args.Force)
                {
                    output.WriteLine($"The previous key may still have valid tokens until {files.PreviousNeededUntil:u}; rotating now would drop it. Wait, or add --force.");
                    return 1;
                }

                string oldKid = ring.Current.Kid;
                string kid = await session.Administration.RotateSigningKeyAsync(TimeSpan.Zero);
                session.Audit($"new signing key {kid}");
                output.WriteLine($"New signing key {kid} written to {files.Current}; the previous key {oldKid} stays published ({files.Previous}). "
                    + $"A running gateway on these files publishes it within two seconds and signs with it after Gateway:Tokens:RotationLead ({session.Options.Tokens.RotationLead}).");
                return 0;

            case "retire":
                string retired = args.Required(2, "A kid");
                if (retired == ring.Current.Kid)
                {
                    output.WriteLine($"{retired} is the signing key: it cannot be retired. Rotate first.");
                    return 1;
                }

                if (!ring.Published.Any(k => k.Kid == retired) || !File.Exists(files.Previous))
                {
                    output.WriteLine($"No published key has the kid {retired}.");
                    return 1;
                }

                if (files.PreviousNeededUntil > now)
                {
                    output.WriteLine($"Warning: tokens signed by {retired} may still be valid until {files.PreviousNeededUntil:u} (Gateway:Tokens:Lifetime); they will be refused (unknown-key).");
                    if (!args.Force)
                    {
                        output.WriteLine("Nothing retired: add --force to retire it anyway.");
                        return 1;
                    }
                }

                File.Delete(files.Previous);
                session.Audit("retired");
                GatewayLog.SigningKeyRetired(session.Get<ILoggerFactory>().CreateLogger(LogCategories.ServerKeys), retired, files.Previous);
                output.WriteLine($"Key {retired} retired: it is no longer published; a running gateway on these files refuses its tokens within two seconds.");
                return 0;

            default:
                throw new AdminUsageException($"'{verb}' is not a keys verb.");
        }
    }
}
