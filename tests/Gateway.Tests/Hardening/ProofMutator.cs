using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Structure-aware mutations of a real proof: one part at a time, at the character level, at the
/// part level, or inside the decoded JSON (then re-encoded, so the JSON reader is reached).
/// </summary>
internal static class ProofMutator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly string[] JsonEdits =
    [
        "\"ctr\":", "\"ctr\":-", "\"ctr\":1.5,\"x\":", "\"uid\":1,\"u\":", ",\"ctr\":2}", "{\"x\":[[[[[[[[]]]]]]]],", "\"alg\":\"none\",\"a\":",
        "\"exp\":\"1\",\"e\":", "\"exp\":1e309,\"e\":", "\"kid\":null,\"k\":", "\"sub\":\"", "\\ud800", "\u00e9", "\"jti\":\"", "}", "{", "\"",
    ];

    /// <summary>Mutations that differ from <paramref name="proof"/>; with <paramref name="asciiOnly"/>, ones HttpClient can send.</summary>
    public static Gen<string> Mutations(string proof, bool asciiOnly = false) =>
        AnyMutation(proof).Where(m => m != proof && (!asciiOnly || System.Text.Ascii.IsValid(m)));

    private static Gen<string> AnyMutation(string proof)
    {
        string[] parts = proof.Split('.');
        var character = Gen.Elements((Alphabet + ".=+/ \"\\,\t\u00e9").ToCharArray());
        var partIndex = Gen.Choose(0, parts.Length - 1);
        return Gen.OneOf(
            // One character replaced, inserted or removed.
            Gen.Zip(Gen.Choose(0, proof.Length - 1), character).Select(t => proof[..t.Item1] + t.Item2 + proof[(t.Item1 + 1)..]),
            Gen.Zip(Gen.Choose(0, proof.Length), character).Select(t => proof[..t.Item1] + t.Item2 + proof[t.Item1..]),
            Gen.Choose(0, proof.Length - 1).Select(i => proof.Remove(i, 1)),
            // Whole parts dropped, doubled, swapped, truncated.
            partIndex.Select(i => string.Join('.', parts.Where((_, k) => k != i))),
            partIndex.Select(i => string.Join('.', parts.Take(i + 1).Append(parts[i]).Concat(parts.Skip(i + 1)))),
            Gen.Zip(partIndex, partIndex).Select(t => Swap(parts, t.Item1, t.Item2)),
            Gen.Zip(partIndex, Gen.Choose(0, 400)).Select(t => Replace(parts, t.Item1, parts[t.Item1][..Math.Min(t.Item2, parts[t.Item1].Length)])),
            // Inside the JSON of the header, payload or nonce.
            Gen.Zip(Gen.Zip(Gen.Elements(0, 1, 3), Gen.Choose(0, 200)), Gen.Elements(JsonEdits)).Select(t => EditJson(parts, t.Item1.Item1, t.Item1.Item2, t.Item2)));
    }

    private static string Swap(string[] parts, int a, int b)
    {
        var copy = (string[])parts.Clone();
        (copy[a], copy[b]) = (copy[b], copy[a]);
        return string.Join('.', copy);
    }

    private static string Replace(string[] parts, int index, string value)
    {
        var copy = (string[])parts.Clone();
        copy[index] = value;
        return string.Join('.', copy);
    }

    private static string EditJson(string[] parts, int index, int at, string edit)
    {
        string json = B64.Decode(parts[index]);
        at = Math.Min(at, json.Length);
        return Replace(parts, index, B64.Url(Encoding.UTF8.GetBytes(json[..at] + edit + json[at..])));
    }
}
