using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Smp.Gateway.Acc;
using Smp.Gateway.Administration;
using Smp.Gateway.Agents;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Hosting;
using Smp.Gateway.Identity;
using Smp.Gateway.Keys;
using Smp.Gateway.LongLivedTokens;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.Replay;
using Smp.Gateway.Routing;
using Smp.Gateway.State;
using Smp.Gateway.Sites;
using Smp.Gateway.Tokens;

namespace Smp.Gateway;

/// <summary>Builds the gateway host; used by <c>Program</c>, by <c>agent-sim demo</c> and by the tests.</summary>
public static class GatewayApp
{
    public const string EnvironmentPrefix = "SMPGW_";

    /// <summary>
    /// Builds the gateway: embedded <c>appsettings.json</c>, then the file named by <c>--config FILE</c>
    /// (reloaded on change), then <c>SMPGW_</c> environment variables, then the command line, then
    /// <paramref name="overrides"/>. An invalid configuration stops <c>StartAsync</c> with an
    /// <see cref="OptionsValidationException"/> whose messages name each key.
    /// </summary>
    public static WebApplication Build(
        string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var app = BuildServices(args, overrides, configureServices);
        UseGateway(app);
        return app;
    }

    /// <summary>
    /// The host with the server's services and configuration but no request pipeline (so YARP has not loaded its
    /// routes yet): for the admin subcommands and <c>check-config</c>, which never start it.
    /// </summary>
    internal static WebApplication BuildServices(
        string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        ConfigureSources(builder.Configuration, args, overrides);
        // Kestrel binds its endpoints from configuration but not its limits: bind them here, so the
        // limits the configuration states (header size and count, request line, header timeout) hold.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
            kestrel.ListenForPrometheus(context.Configuration);
        });
        AddGateway(builder.Services, builder.Configuration);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>The configuration <see cref="Build"/> would read, without a host: for <c>gateway doctor</c>.</summary>
    internal static ConfigurationManager LoadConfiguration(string[] args)
    {
        var configuration = new ConfigurationManager();
        ConfigureSources(configuration, args, null);
        return configuration;
    }

    private static void ConfigureSources(ConfigurationManager configuration, string[] args, IReadOnlyDictionary<string, string?>? overrides)
    {
        configuration.Sources.Clear();
        using (var embedded = typeof(GatewayApp).Assembly.GetManifestResourceStream("Smp.Gateway.appsettings.json")!)
        {
            // AddJsonStream reads the stream when sources are built, so hand it a copy it can own.
            configuration.AddJsonStream(new MemoryStream(ReadAll(embedded)));
        }

        int i = Array.IndexOf(args, "--config");
        if (i >= 0)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException("--config: a file name is required.");
            }

            string path = Path.GetFullPath(args[i + 1]);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"--config: '{path}' does not exist.", path);
            }

            configuration.AddJsonFile(path, optional: false, reloadOnChange: true);
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        // Without --config (i is -1), every argument is a setting: the first one too.
        configuration.AddCommandLine(args.Where((_, k) => i < 0 || (k != i && k != i + 1)).ToArray());
        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }

    private static void AddGateway(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SigningKeyLoader>();
        services.AddSingleton(sp => sp.GetRequiredService<SigningKeyLoader>().Load());
        services.AddGatewayState(configuration);
        services.AddSingleton<IssuedTokenCache>();
        services.AddSingleton<IssuanceLimiter>();
        services.AddSingleton<VerifiedSignatureCache>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ProofValidator>();
        services.AddAcc();
        services.AddSingleton<ChallengeWriter>();
        services.AddSingleton<JwksEndpoint>();
        services.AddSingleton<EnrollmentEndpoint>();
        services.AddSingleton<LongLivedTokenService>();
        services.AddSingleton(sp => new GatewayAdministration(
            sp.GetRequiredService<IAgentStore>(), sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<GatewayMetrics>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger(LogCategories.Administration),
            sp.GetService<SigningKeyRotation>(), sp.GetService<RevocationCheck>()));
        services.AddGatewayTelemetry(configuration);
        services.AddGatewayHealth();
        services.AddHostedService<StartupCheck>();
        services.AddHostedService<ExpirySweeper>();
        services.AddSites(configuration);

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SmpTokenHandler>(SmpTokenDefaults.AuthenticationScheme, null)
            .AddScheme<AuthenticationSchemeOptions, AccHandler>(AccDefaults.AuthenticationScheme, null)
            .AddScheme<AuthenticationSchemeOptions, LongLivedTokenHandler>(LongLivedTokenDefaults.AuthenticationScheme, null);

        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteAuthModeFilter>()
            .AddTransforms<IdentityTransformProvider>();
    }

    private static void UseGateway(WebApplication app)
    {
        app.UsePrometheusListener();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<AuthorizationHeaderGuard>();
        app.MapGatewayHealth();
        app.MapGet(JwksEndpoint.Path, (HttpContext context, JwksEndpoint jwks) => jwks.HandleAsync(context));
        if (!SiteServices.IsSite(app.Configuration))
        {
            app.MapPost(EnrollmentEndpoint.Path, (HttpContext context, EnrollmentEndpoint enrollment) => enrollment.HandleAsync(context));
        }

        app.MapSites();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<RouteAuthenticationMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
