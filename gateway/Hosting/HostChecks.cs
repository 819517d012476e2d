using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.State;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Hosting;

/// <summary>
/// What <see cref="ConfigurationValidation"/>, <c>check-config</c> and the admin subcommands ask of a host that is
/// built but never started: its options validators, YARP's view of the routes, and the shared store's connection
/// (<paramref name="redis"/> is registered only when <c>Gateway:State:Store</c> is <c>Redis</c>).
/// </summary>
internal sealed class HostChecks(
    IStartupValidator startup, IProxyConfigProvider proxy, IConfigValidator proxyValidator, IOptions<GatewayOptions> options, RedisConnection? redis = null)
{
    public GatewayOptions Options => options.Value;

    public RedisConnection? Redis => redis;

    /// <summary>Every options validator's failures, each naming its key.</summary>
    public IEnumerable<string> OptionsProblems()
    {
        try
        {
            startup.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures;
        }
        catch (AggregateException e)
        {
            return e.InnerExceptions.SelectMany(x => x is OptionsValidationException v ? v.Failures : [x.Message]);
        }
    }

    public Task CheckProxyAsync(AccOptions acc, List<string> problems) => ProxyConfigCheck.CheckAsync(proxy, proxyValidator, acc, problems);
}
