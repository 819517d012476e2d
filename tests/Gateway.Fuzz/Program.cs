using SharpFuzz;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// <c>Gateway.Fuzz proof|credentials|enrollment</c> under afl-fuzz (see run.sh);
/// <c>Gateway.Fuzz seed DIR</c> writes the seed corpus; <c>Gateway.Fuzz replay TARGET FILE...</c>
/// runs inputs once without AFL, so a crash can be reproduced under a debugger. Exceptions are not
/// caught: one escaping a target is exactly what the fuzzer looks for.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "seed")
        {
            Console.WriteLine($"{SeedCorpus.Write(new FuzzWorld(FuzzWorld.DefaultKeyFolder), args[1])} seeds written under {args[1]}");
            return 0;
        }

        if (args.Length >= 3 && args[0] == "replay" && Target(args[1]) is { } replayed)
        {
            foreach (string file in args[2..])
            {
                replayed(File.ReadAllBytes(file));
                Console.WriteLine("ok " + Path.GetFileName(file));
            }

            return 0;
        }

        if (args.Length == 1 && Target(args[0]) is { } target)
        {
            Fuzzer.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                target(buffer.ToArray());
            });
            return 0;
        }

        Console.Error.WriteLine("usage: Gateway.Fuzz proof|credentials|enrollment  |  seed DIR  |  replay TARGET FILE...");
        return 2;
    }

    private static Action<byte[]>? Target(string name)
    {
        switch (name)
        {
            case "proof":
                // Built on the first input: gateway.dll is instrumented, and its code must not run
                // before Fuzzer.Run has mapped AFL's shared memory (it fails with an access violation).
                ProofTarget? proof = null;
                return bytes => (proof ??= new ProofTarget(new FuzzWorld(FuzzWorld.DefaultKeyFolder))).Run(bytes);
            case "credentials":
                return bytes => CredentialsTarget.Run(bytes);
            case "enrollment":
                return bytes => EnrollmentTarget.Run(bytes);
            default:
                return null;
        }
    }
}
