using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Hosting;

/// <summary>
/// What <see cref="ConfigurationValidation"/>, <c>check-config</c> and the admin subcommands ask of a host that is
/// built but never started: its options validators, YARP's view of the routes, and the options once they are valid.
/// Making it reads no option, so that a bad value is listed by <see cref="OptionsProblems"/> rather than thrown.
/// </summary>
internal sealed class HostChecks(IStartupValidator startup, IProxyConfigProvider proxy, IConfigValidator proxyValidator, IOptions<GatewayOptions> options)
{
    public GatewayOptions Options => options.Value;

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

    public Task CheckProxyAsync(AccOptions acc, List<string> problems, string? windowsKeytab = null) =>
        ProxyConfigCheck.CheckAsync(proxy, proxyValidator, acc, problems, windowsKeytab);
}
