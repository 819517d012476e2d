using System.Net;
using System.Net.Security;
using System.Text;

namespace Smp.AgentSim.Legacy;

/// <summary>
/// Refuses, with a bare 401 as IIS does for an anonymous caller, every request that does not carry the identity the
/// server demands (<see cref="LegacyRequirement"/>). Headers: the identity the gateway asserts; a call the gateway
/// marks <c>X-SMP-Auth: Anonymous</c> (an anonymous route, PROTOCOL.md §12) carries none and is served as IIS serves
/// anonymous access. Basic and Negotiate: the <c>Authorization</c> header alone, checked per request (a Kerberos token
/// is complete in one message), the account it proves answered in <see cref="UserHeader"/> and the echo.
/// </summary>
internal sealed class LegacyIdentityGate(RequestDelegate next, LegacyRequirement requirement)
{
    public const string IdentityHeader = "X-SMP-Identity";
    public const string AuthHeader = "X-SMP-Auth";
    public const string AgentHeader = "X-SMP-Agent";
    /// <summary>The account the caller authenticated as (Basic or Negotiate).</summary>
    public const string UserHeader = "X-Legacy-User";

    public Task InvokeAsync(HttpContext context)
    {
        string? user = requirement.Mode switch
        {
            "basic" => Basic(context.Request.Headers.Authorization.ToString()),
            "negotiate" => Negotiate(context.Request.Headers.Authorization.ToString()),
            _ => Headers(context.Request.Headers) ? string.Empty : null,
        };
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            if (requirement.Mode != "headers")
            {
                context.Response.Headers.WWWAuthenticate = requirement.Mode == "basic" ? "Basic realm=\"legacy\"" : "Negotiate";
            }

            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }

        if (user.Length > 0)
        {
            context.Items[UserHeader] = user;
            context.Response.Headers[UserHeader] = user;
        }

        return next(context);
    }

    private static bool Headers(IHeaderDictionary headers) =>
        !string.IsNullOrWhiteSpace(headers[AuthHeader]) && (headers[AuthHeader] == "Anonymous" || !string.IsNullOrWhiteSpace(headers[IdentityHeader]));

    private string? Basic(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string expected = requirement.BasicUser + ":" + requirement.BasicPassword;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim())) == expected ? requirement.BasicUser : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Negotiate(string authorization)
    {
        if (!authorization.StartsWith("Negotiate ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        byte[] token;
        try
        {
            token = Convert.FromBase64String(authorization[10..].Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        // The acceptor's keys: the keytab KRB5_KTNAME names in this process's environment.
        using var server = new NegotiateAuthentication(new NegotiateAuthenticationServerOptions
        {
            Package = "Negotiate",
            Credential = CredentialCache.DefaultNetworkCredentials,
            RequiredProtectionLevel = ProtectionLevel.None,
        });
        server.GetOutgoingBlob(token, out var status);
        return status == NegotiateAuthenticationStatusCode.Completed && server.IsAuthenticated ? server.RemoteIdentity.Name : null;
    }
}
