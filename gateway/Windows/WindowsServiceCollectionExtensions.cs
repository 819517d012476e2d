namespace Smp.Gateway.Windows;

/// <summary>Registers inbound Windows authentication: the keytab set before Kestrel listens, and the handshake.</summary>
internal static class WindowsServiceCollectionExtensions
{
    public static IServiceCollection AddWindowsAuthentication(this IServiceCollection services)
    {
        services.AddHostedService<WindowsKeytabStart>();
        services.AddSingleton<WindowsAuthenticator>();
        return services;
    }
}
