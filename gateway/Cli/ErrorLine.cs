using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Smp.Gateway.State;

namespace Smp.Gateway.Cli;

/// <summary>
/// One line for an ordinary mistake that reached the top: a file missing or unreadable, a port in use, a key or
/// certificate that is not one, a store that does not answer. The messages thrown for them already name the key
/// or the file (a port in use is given its endpoint's key here); anything else is a fault of the gateway, and
/// keeps its stack trace.
/// </summary>
internal static class ErrorLine
{
    public static bool IsOrdinary(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException
            or InvalidDataException or CryptographicException or DbException or SocketException or TimeoutException
            or StateUnavailableException or OptionsValidationException;

    public static string For(Exception e, string[] settings, ParseResult result)
    {
        if (e is IOException { InnerException: AddressInUseException } && EndpointInUse(e.Message, settings, result) is { } line)
        {
            return line;
        }

        return e is OptionsValidationException validation ? string.Join(" ", validation.Failures) : Describe(e);
    }

    /// <summary>The message with each inner cause that adds something ("see inner exception" says nothing), on one line.</summary>
    internal static string Describe(Exception e)
    {
        string message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!message.Contains(inner.Message, StringComparison.Ordinal))
            {
                message += " (" + inner.Message + ")";
            }
        }

        return message.ReplaceLineEndings(" ");
    }

    /// <summary>Kestrel says "Failed to bind to address URL: address already in use."; the line names the endpoint's key.</summary>
    private static string? EndpointInUse(string message, string[] settings, ParseResult result)
    {
        string? config = result.CommandResult.Command.Options.Any(o => o.Name == "--config") ? result.GetValue<string>("--config") : null;
        try
        {
            using var configuration = GatewayApp.LoadConfiguration(HostArguments.For(config, settings));
            foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            {
                string url = endpoint["Url"] ?? string.Empty;
                int port = BindingAddress.Parse(url).Port;
                if (message.Contains($":{port}:", StringComparison.Ordinal) || message.Contains($":{port}/", StringComparison.Ordinal))
                {
                    return $"Kestrel:Endpoints:{endpoint.Key}:Url: {url}: the port is in use by another process.";
                }
            }
        }
        catch (Exception ex) when (ex is IOException or FormatException or ArgumentException or InvalidDataException)
        {
            // The configuration read at start no longer reads: Kestrel's own message says enough.
        }

        return null;
    }
}
