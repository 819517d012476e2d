using System.Text;

namespace Smp.Gateway.Fuzz;

/// <summary>Writes the seeds of every target under <c>corpus/&lt;target&gt;/</c>, one file per seed.</summary>
internal static class SeedCorpus
{
    public static int Write(FuzzWorld world, string folder)
    {
        var forge = new ProofForge(world);
        var proofs = ProofSeeds.Accepted(forge).Concat(ProofSeeds.Refused(forge)).Select(s => (s.Name, Encoding.UTF8.GetBytes(s.Text)));
        int count = WriteAll(Path.Combine(folder, "proof"), proofs);
        count += WriteAll(Path.Combine(folder, "credentials"), CredentialSeeds.All(forge));
        count += WriteAll(Path.Combine(folder, "enrollment"), EnrollmentSeeds.All(world));
        return count;
    }

    private static int WriteAll(string folder, IEnumerable<(string Name, byte[] Bytes)> seeds)
    {
        Directory.CreateDirectory(folder);
        int count = 0;
        foreach ((string name, byte[] bytes) in seeds)
        {
            File.WriteAllBytes(Path.Combine(folder, "seed-" + name), bytes);
            count++;
        }

        return count;
    }
}
