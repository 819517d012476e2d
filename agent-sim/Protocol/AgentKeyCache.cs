namespace Smp.AgentSim.Protocol;

/// <summary>
/// Agent keys kept as PKCS#8 PEM files named <c>&lt;agentId&gt;.pem</c>, readable by the owner only.
/// Generating an RSA key costs 50-100 ms, so a load of many agents reuses the keys of earlier runs.
/// </summary>
internal static class AgentKeyCache
{
    private const string Extension = ".pem";

    /// <summary>Loads up to <paramref name="count"/> keys from <paramref name="folder"/> and generates, in parallel, the missing ones.</summary>
    public static IReadOnlyList<AgentIdentity> LoadOrCreate(string folder, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CreateFolder(folder);

        string[] existing = Directory.GetFiles(folder, "*" + Extension)
            .Where(path => Guid.TryParseExact(Path.GetFileNameWithoutExtension(path), "D", out _))
            .Order(StringComparer.Ordinal)
            .Take(count)
            .ToArray();

        var identities = new AgentIdentity[count];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, count, options, i =>
            {
                identities[i] = i < existing.Length ? Load(existing[i]) : CreateAndSave(folder);
            });
        }
        catch
        {
            foreach (AgentIdentity? identity in identities)
            {
                identity?.Dispose();
            }

            throw;
        }

        return identities;
    }

    private static AgentIdentity Load(string path)
    {
        string agentId = Path.GetFileNameWithoutExtension(path);
        try
        {
            return AgentIdentity.FromPem(agentId, File.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidDataException($"The agent key file '{path}' is not a usable PKCS#8 RSA key: {e.Message}", e);
        }
    }

    private static AgentIdentity CreateAndSave(string folder)
    {
        AgentIdentity identity = AgentIdentity.Create();
        string path = Path.Combine(folder, identity.AgentId + Extension);
        // Written under a temporary name and renamed, so that a reader never sees half a key.
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(identity.ExportPem());
        }

        File.Move(temporary, path);
        return identity;
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
