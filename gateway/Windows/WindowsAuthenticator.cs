using System.Net.Security;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Windows;

/// <summary>
/// Runs one leg of a <c>Negotiate</c> (or <c>NTLM</c>) handshake on the request's connection with
/// <see cref="NegotiateAuthentication"/> as the server, against the service's keytab (<see cref="WindowsKeytabStart"/>).
/// A token that cannot be read is <c>400 malformed</c>; one that does not authenticate (a ticket for another service,
/// a wrong key, an unknown account) <c>401 credentials-invalid</c>. Either ends the connection's Windows authentication.
/// </summary>
internal sealed class WindowsAuthenticator(IOptionsMonitor<GatewayOptions> options, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Windows);

    /// <summary>True when the request came over HTTP/1.x, the only protocol a connection-bound handshake works on.</summary>
    public static bool OnHttp1(HttpRequest request) => request.Protocol is "HTTP/1.1" or "HTTP/1.0";

    public WindowsResult Accept(HttpContext context, string scheme)
    {
        string? remote = context.Connection.RemoteIpAddress?.ToString();
        byte[]? blob = NegotiateCredentials.Blob(context.Request.Headers.Authorization.ToString());
        var connection = WindowsConnection.Get(context);
        if (blob is null || connection is null)
        {
            connection?.End();
            return Refuse(context, remote, StatusCodes.Status400BadRequest, NsError.Malformed, $"the {scheme} token is missing or not base64.");
        }

        var handshake = connection.Handshake(() => new NegotiateAuthentication(new NegotiateAuthenticationServerOptions
        {
            Package = scheme == NegotiateCredentials.Ntlm ? NegotiateCredentials.Ntlm : NegotiateCredentials.Negotiate,
            RequiredProtectionLevel = ProtectionLevel.None,
        }));
        byte[]? outgoing = handshake.GetOutgoingBlob(blob, out var status);
        string? next = outgoing is { Length: > 0 } ? scheme + " " + Convert.ToBase64String(outgoing) : null;
        if (status == NegotiateAuthenticationStatusCode.ContinueNeeded)
        {
            return new WindowsResult(null, next ?? scheme);
        }

        if (status == NegotiateAuthenticationStatusCode.Completed && handshake.IsAuthenticated && handshake.RemoteIdentity.Name is { Length: > 0 } principal)
        {
            string account = WindowsAccountName.From(principal, options.CurrentValue.Windows.Domain);
            connection.Authenticated(account);
            GatewayLog.WindowsAuthenticated(_logger, LogText.Escape(account)!, LogText.Escape(principal)!, handshake.RemoteIdentity.AuthenticationType ?? scheme,
                context.Connection.Id, remote);
            return new WindowsResult(account, next);
        }

        connection.End();
        bool unreadable = status is NegotiateAuthenticationStatusCode.InvalidToken or NegotiateAuthenticationStatusCode.MessageAltered
            or NegotiateAuthenticationStatusCode.OutOfSequence;
        return unreadable
            ? Refuse(context, remote, StatusCodes.Status400BadRequest, NsError.Malformed, $"the {scheme} token cannot be read ({status}).")
            : Refuse(context, remote, StatusCodes.Status401Unauthorized, NsError.CredentialsInvalid,
                $"the {scheme} token does not authenticate ({status}): a ticket for another service principal, a keytab without its key, or an account the domain refuses.");
    }

    private WindowsResult Refuse(HttpContext context, string? remote, int status, string code, string reason)
    {
        GatewayLog.WindowsRefused(_logger, code, status, context.Connection.Id, remote, reason);
        return WindowsResult.Refused(status, code);
    }
}
