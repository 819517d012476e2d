using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// The .NET Aspire dashboard (NuGet <c>Aspire.Dashboard.Sdk.linux-x64</c>, restored with the tests), a real OTLP
/// receiver over gRPC and HTTP/protobuf, started from a temporary folder on free ports and stopped on dispose.
/// Its telemetry API (<c>/api/telemetry/traces</c>, OTLP JSON) is how a test reads what arrived. OTLP requires
/// the key <see cref="ApiKey"/> in the <c>x-otlp-api-key</c> header, so an exporter's headers are checked too.
/// </summary>
internal sealed class AspireDashboard : IAsyncDisposable
{
    public const string ApiKey = "otlp-test-key-0123456789";
    private readonly Process _process;
    private readonly TempFolder _folder;

    private AspireDashboard(Process process, TempFolder folder, int ui, int grpc, int http)
    {
        _process = process;
        _folder = folder;
        Url = $"http://127.0.0.1:{ui}";
        OtlpGrpc = $"http://127.0.0.1:{grpc}";
        OtlpHttp = $"http://127.0.0.1:{http}";
    }

    public string Url { get; }
    public string OtlpGrpc { get; }
    public string OtlpHttp { get; }

    /// <summary>The dashboard's executable in the NuGet package folder, where restore put it.</summary>
    public static string Executable()
    {
        string? package = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AspireDashboardPackage")?.Value;
        string path = Path.Combine(package ?? "", "tools", "Aspire.Dashboard");
        return File.Exists(path) ? path : throw new InvalidOperationException(
            $"The Aspire dashboard is not at '{path}': `dotnet restore tests/Gateway.Tests` restores Aspire.Dashboard.Sdk.linux-x64.");
    }

    public static async Task<AspireDashboard> StartAsync()
    {
        int ui = FreePort.Next(), grpc = FreePort.Next(), http = FreePort.Next();
        var folder = new TempFolder();
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ui}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}",
                ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}",
                ["DASHBOARD__FRONTEND__AUTHMODE"] = "Unsecured",
                ["DASHBOARD__OTLP__AUTHMODE"] = "ApiKey",
                ["DASHBOARD__OTLP__PRIMARYAPIKEY"] = ApiKey,
                ["DASHBOARD__API__ENABLED"] = "true",
                ["DASHBOARD__API__AUTHMODE"] = "Unsecured",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_USE_POLLING_FILE_WATCHER"] = "1",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new AspireDashboard(process, folder, ui, grpc, http);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        bool up = await Eventually.UntilAsync(async () =>
        {
            try
            {
                using var answer = await client.GetAsync(dashboard.Url + "/api/telemetry/traces");
                return answer.IsSuccessStatusCode || process.HasExited;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return process.HasExited;
            }
        }, done => done, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        if (!up || process.HasExited)
        {
            await dashboard.DisposeAsync();
            throw new InvalidOperationException($"the Aspire dashboard did not start (exited: {process.HasExited}).");
        }

        return dashboard;
    }

    /// <summary>Every span the dashboard holds, with its resource's <c>service.name</c>.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> SpansAsync()
    {
        using var client = new HttpClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(Url + "/api/telemetry/traces"));
        var spans = new List<DashboardSpan>();
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            string service = Attributes(resource.GetProperty("resource")).GetValueOrDefault("service.name", "");
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new DashboardSpan(
                        service, span.GetProperty("traceId").GetString()!, span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() ?? "" : "", span.GetProperty("name").GetString()!,
                        Attributes(span)));
                }
            }
        }

        return spans;
    }

    /// <summary>Polls <see cref="SpansAsync"/> until <paramref name="done"/> holds (the exporter sends in batches), for at most 30 s.</summary>
    public Task<IReadOnlyList<DashboardSpan>> SpansUntilAsync(Func<IReadOnlyList<DashboardSpan>, bool> done) =>
        Eventually.UntilAsync(SpansAsync, done, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private static Dictionary<string, string> Attributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value");
                attributes[attribute.GetProperty("key").GetString()!] = value.EnumerateObject().FirstOrDefault().Value.ToString();
            }
        }

        return attributes;
    }
}
