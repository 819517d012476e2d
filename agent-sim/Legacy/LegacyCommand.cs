using Smp.AgentSim.Cli;

namespace Smp.AgentSim.Legacy;

/// <summary><c>agent-sim legacy --urls URL [--require headers|basic|negotiate] [--basic-user NAME]</c>: runs the legacy server until Ctrl+C.</summary>
internal static class LegacyCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8081";

    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        string url = arguments.String("--urls") ?? DefaultUrl;
        LegacyRequirement requirement = Requirement(arguments.String("--require") ?? "headers", arguments.String("--basic-user"));
        arguments.EnsureAllRead();
        Uri uri = LoopbackUrl.Require("--urls", url);
        if (Smp.Gateway.Configuration.KestrelEndpointCheck.InUse(url) is { } address)
        {
            throw new UsageException($"--urls: port {uri.Port} on {address} is in use by another process; give another (--urls http://127.0.0.1:PORT)");
        }

        await using WebApplication app = LegacyServer.Build(url, requirement: requirement);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Taken between the look above and the bind.
            throw new UsageException($"--urls: {e.Message}");
        }
        await Console.Error.WriteLineAsync($"legacy server listening on {url}, requiring {requirement.Mode}; Ctrl+C stops it").ConfigureAwait(false);
        // Ctrl+C or SIGTERM, through the host's lifetime or the caller's token, stops it.
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static LegacyRequirement Requirement(string mode, string? basicUser)
    {
        switch (mode)
        {
            case "headers":
                return LegacyRequirement.Headers;
            case "negotiate":
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KRB5_KTNAME")))
                {
                    throw new UsageException("--require negotiate: set KRB5_KTNAME to the keytab holding the server's SPN (HTTP/host), and KRB5_CONFIG if the realm is not the machine's");
                }

                return new LegacyRequirement(mode);
            case "basic":
                string? password = Environment.GetEnvironmentVariable(LegacyRequirement.PasswordVariable);
                if (string.IsNullOrEmpty(basicUser) || string.IsNullOrEmpty(password))
                {
                    throw new UsageException($"--require basic: give --basic-user NAME and its password in the environment variable {LegacyRequirement.PasswordVariable}");
                }

                return new LegacyRequirement(mode, basicUser, password);
            default:
                throw new UsageException($"--require: '{mode}' is not one of headers, basic, negotiate");
        }
    }
}
