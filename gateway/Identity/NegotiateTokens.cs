using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;

namespace Smp.Gateway.Identity;

/// <summary>
/// A Kerberos token (SPNEGO, <c>Authorization: Negotiate</c>) for one request to a server behind, made before the
/// request is sent (no 401 round trip, so a request's body goes once), with the service account's tickets
/// (<see cref="KerberosEnvironment"/>). The SPN is the cluster's <c>SmpUpstreamSpn</c>, or <c>HTTP/</c> and the
/// destination's host (the gateway usually connects by address, so the setting is the rule).
/// </summary>
internal static class NegotiateTokens
{
    private static readonly ConcurrentDictionary<string, string> DefaultSpns = new(StringComparer.Ordinal);

    /// <summary>The SPN for a request to <paramref name="destinationPrefix"/>.</summary>
    public static string Spn(UpstreamCredential credential, string destinationPrefix) =>
        credential.Spn ?? DefaultSpns.GetOrAdd(destinationPrefix, p => "HTTP/" + new Uri(p).Host);

    /// <summary>The <c>Authorization</c> value for <paramref name="spn"/>, or null with what GSSAPI answered in <paramref name="error"/>.</summary>
    public static string? TryGet(string spn, out string error)
    {
        try
        {
            return Token(spn, out error);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or DllNotFoundException or TypeInitializationException)
        {
            // No GSSAPI library (libgssapi-krb5-2) on this machine.
            error = e.Message;
            return null;
        }
    }

    private static string? Token(string spn, out string error)
    {
        using var client = new NegotiateAuthentication(new NegotiateAuthenticationClientOptions
        {
            Package = "Kerberos",
            TargetName = spn,
            Credential = CredentialCache.DefaultNetworkCredentials,
            RequiredProtectionLevel = ProtectionLevel.None,
            RequireMutualAuthentication = false,
        });
        byte[]? token = client.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out var status);
        if (token is null || status is not (NegotiateAuthenticationStatusCode.Completed or NegotiateAuthenticationStatusCode.ContinueNeeded))
        {
            error = status.ToString();
            return null;
        }

        error = string.Empty;
        return "Negotiate " + Convert.ToBase64String(token);
    }
}
