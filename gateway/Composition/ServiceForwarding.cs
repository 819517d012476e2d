// In the container's own namespace, as its extension methods are, so that the folders registering a service through
// another of its interfaces depend on no folder of the gateway for it.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// One singleton seen through another of its interfaces (a store that is also swept, say): the one resolution
/// from the container outside <c>GatewayApp</c> and the roles' composition, and it only forwards.
/// </summary>
internal static class ServiceForwarding
{
    public static IServiceCollection AddForwarded<TService, TImplementation>(this IServiceCollection services)
        where TService : class
        where TImplementation : class, TService =>
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
}
