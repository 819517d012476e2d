using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Windows;

/// <summary>
/// Before Kestrel listens: points GSSAPI at <c>Gateway:Windows:Keytab</c> (<c>KRB5_KTNAME</c>), before its first use.
/// The options were validated at start (the file exists, is readable, and not by everyone).
/// </summary>
internal sealed class WindowsKeytabStart(IOptions<GatewayOptions> options, ILoggerFactory loggers) : IHostedService
{
    public const string KeytabVariable = "KRB5_KTNAME";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.Windows;
        if (o.Keytab.Length > 0)
        {
            string path = Path.GetFullPath(o.Keytab);
            NativeEnvironment.Set(KeytabVariable, "FILE:" + path);
            GatewayLog.WindowsKeytab(loggers.CreateLogger(LogCategories.Windows), path, o.Domain.Length > 0 ? o.Domain : "(the realm's first label)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
