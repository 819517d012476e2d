namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>An answer read by <see cref="RawConnection"/>.</summary>
internal sealed record RawResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public string? Header(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public string? Error => Header("X-SMP-NSError");
}
