using System.Runtime.CompilerServices;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Smp.Gateway.Identity;

/// <summary>
/// Each cluster's upstream identity (<see cref="UpstreamIdentitySettings"/>), built once per load of the routes, and
/// set on the requests the gateway forwards for an authenticated caller: Basic's prepared value, or a new Kerberos
/// token per request. When no token can be had, or the server answers 401 to the gateway's credential, the caller gets
/// 502 <c>upstream-identity</c> and the log one line per cause (<see cref="CauseThrottle"/>) saying what to fix.
/// </summary>
internal sealed class UpstreamCredentials(IConfiguration configuration, CauseThrottle throttle, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(LogCategories.Upstream);
    private readonly ConditionalWeakTable<ClusterConfig, UpstreamCredentialLoad> _built = [];

    private string? Keytab => configuration[UpstreamIdentitySettings.KeytabKey];

    /// <summary>YARP's check of a cluster, at start and on each reload: a problem keeps the previous routes.</summary>
    public void Validate(ClusterConfig cluster, IList<Exception> errors)
    {
        var problems = new List<string>();
        UpstreamIdentitySettings.Read(cluster, Keytab, Environment.GetEnvironmentVariable, problems);
        foreach (string problem in problems)
        {
            errors.Add(new InvalidOperationException(problem));
        }
    }

    /// <summary>The credential of <paramref name="cluster"/> as loaded now; the same object for every route of one load.</summary>
    public UpstreamCredentialLoad For(ClusterConfig cluster) => _built.GetValue(cluster, Build);

    /// <summary>
    /// Sets the gateway's credential on the request to the server behind; false, with 502 <c>upstream-identity</c>
    /// written (YARP then forwards nothing), when there is none to set.
    /// </summary>
    public bool TrySet(RequestTransformContext context, UpstreamCredentialLoad built)
    {
        var credential = built.Credential;
        if (credential is null)
        {
            return Refuse(context.HttpContext);
        }

        switch (credential.Kind)
        {
            case UpstreamIdentityKind.Basic:
                RequestTransform.AddHeader(context, "Authorization", credential.BasicAuthorization!);
                return true;
            case UpstreamIdentityKind.Negotiate:
                string spn = NegotiateTokens.Spn(credential, context.DestinationPrefix);
                if (NegotiateTokens.TryGet(spn, out string error) is { } authorization)
                {
                    RequestTransform.AddHeader(context, "Authorization", authorization);
                    return true;
                }

                if (throttle.ShouldLog("upstream-token\n" + credential.ClusterId + "\n" + error, out long suppressed))
                {
                    GatewayLog.UpstreamTokenUnavailable(_log, credential.ClusterId, spn, error, suppressed);
                }

                return Refuse(context.HttpContext);
            default:
                return true;
        }
    }

    /// <summary>A 401 from the server behind to the gateway's own credential: the caller did nothing wrong, the gateway's setting is.</summary>
    public void OnResponse(ResponseTransformContext context, UpstreamCredentialLoad built)
    {
        if (context.ProxyResponse?.StatusCode != System.Net.HttpStatusCode.Unauthorized || built.Credential is not { } credential)
        {
            return;
        }

        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status502BadGateway;
        response.Headers.WWWAuthenticate = default;
        response.Headers.ContentLength = 0;
        response.Headers[NsError.HeaderName] = NsError.UpstreamIdentity;
        context.SuppressResponseBody = true;
        string destination = context.HttpContext.GetReverseProxyFeature().ProxiedDestination?.DestinationId ?? "-";
        if (throttle.ShouldLog("upstream-refused\n" + credential.ClusterId + "\n" + destination, out long suppressed))
        {
            GatewayLog.UpstreamIdentityRefused(_log, credential.ClusterId, destination, credential.Describe(), suppressed);
        }
    }

    private static bool Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        context.Response.Headers[NsError.HeaderName] = NsError.UpstreamIdentity;
        context.Response.ContentLength = 0;
        return false;
    }

    private UpstreamCredentialLoad Build(ClusterConfig cluster)
    {
        var problems = new List<string>();
        var credential = UpstreamIdentitySettings.Read(cluster, Keytab, Environment.GetEnvironmentVariable, problems);
        if (credential is null)
        {
            // Validated before it loads; a password file removed in between lands here.
            GatewayLog.UpstreamIdentityInvalid(_log, cluster.ClusterId, string.Join(' ', problems));
            return new UpstreamCredentialLoad(null);
        }

        if (credential.Kind == UpstreamIdentityKind.Negotiate)
        {
            KerberosEnvironment.Use(Keytab!);
        }

        GatewayLog.UpstreamIdentityLoaded(_log, cluster.ClusterId, credential.Describe());
        return new UpstreamCredentialLoad(credential);
    }
}
