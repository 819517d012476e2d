using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Protocol;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Smp.Gateway.Identity;

/// <summary>
/// On every route: removes the client's <c>Authorization</c> and every identity header a client could
/// forge (names compared as <see cref="HeaderNameRule"/> says), then sets the identity the route's authentication
/// established (§12), and on ACC pass-through routes the Basic credentials again. An anonymous call carries
/// <c>X-SMP-Auth: Anonymous</c> only, so that no server mistakes it for an authenticated one. An authenticated
/// call also carries the cluster's upstream identity (<see cref="UpstreamCredentials"/>: Basic or Negotiate as the
/// service account) unless the route passes the caller's own Basic credentials on.
/// </summary>
internal sealed class IdentityTransformProvider(IOptionsMonitor<GatewayOptions> options, UpstreamCredentials upstream) : ITransformProvider
{
    public const string Prefix = "X-SMP-";
    // IIS URL Rewrite serves the path X-Original-URL or X-Rewrite-URL names instead of the one routed here.
    private static readonly string[] AlwaysStripped =
        ["Authorization", "Remote-User", "X-Remote-User", "X-Forwarded-User", "X-Original-URL", "X-Rewrite-URL"];

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context) => upstream.Validate(context.Cluster, context.Errors);

    public void Apply(TransformBuilderContext context)
    {
        var load = context.Cluster is null ? new UpstreamCredentialLoad(UpstreamCredential.Headers("-")) : upstream.For(context.Cluster);
        context.AddRequestTransform(c => Transform(c, load));
        if (load.Presents)
        {
            context.AddResponseTransform(c =>
            {
                if (PresentsOwn(c.HttpContext.Features.Get<ForwardedIdentity>()))
                {
                    upstream.OnResponse(c, load);
                }

                return ValueTask.CompletedTask;
            });
        }
    }

    /// <summary>An authenticated caller, on a route that does not pass the caller's own credentials on: the gateway presents its own.</summary>
    private static bool PresentsOwn(ForwardedIdentity? identity) => identity is not null && identity.Auth != AuthKind.Anonymous && identity.Authorization is null;

    private ValueTask Transform(RequestTransformContext context, UpstreamCredentialLoad load)
    {
        var o = options.CurrentValue.Identity;
        foreach (var header in context.HttpContext.Request.Headers)
        {
            if (HeaderNameRule.StartsWith(header.Key, Prefix) || IsStripped(header.Key, o.StripHeaders))
            {
                RequestTransform.RemoveHeader(context, header.Key);
            }
        }

        // Fail closed: without an established identity nothing is claimed, and the server refuses.
        var identity = context.HttpContext.Features.Get<ForwardedIdentity>();
        if (identity?.Auth == AuthKind.Anonymous)
        {
            RequestTransform.AddHeader(context, "X-SMP-Auth", identity.Auth);
        }
        else if (identity is not null)
        {
            RequestTransform.AddHeader(context, "X-SMP-Identity", identity.Identity);
            RequestTransform.AddHeader(context, "X-SMP-Group", o.Group);
            RequestTransform.AddHeader(context, "X-SMP-Auth", identity.Auth);
            if (identity.AgentId is not null)
            {
                RequestTransform.AddHeader(context, "X-SMP-Agent", identity.AgentId);
            }

            // Each accepted proof once: a server behind can count what it was given twice.
            if (identity.ProofId is not null)
            {
                RequestTransform.AddHeader(context, "X-SMP-Proof-Id", identity.ProofId);
            }

            // ACC pass-through routes (UNC codebases): the server behind checks the Basic credentials itself.
            if (identity.Authorization is not null)
            {
                RequestTransform.AddHeader(context, "Authorization", identity.Authorization);
            }
            else if (load.Presents)
            {
                // False: 502 upstream-identity is written, and YARP forwards nothing.
                upstream.TrySet(context, load);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsStripped(string name, List<string> configured)
    {
        foreach (string s in AlwaysStripped)
        {
            if (HeaderNameRule.Same(name, s))
            {
                return true;
            }
        }

        foreach (string s in configured)
        {
            if (HeaderNameRule.Same(name, s))
            {
                return true;
            }
        }

        return false;
    }
}
