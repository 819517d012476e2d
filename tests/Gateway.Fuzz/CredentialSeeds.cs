using System.Text;

namespace Smp.Gateway.Fuzz;

/// <summary>Seeds of the credentials target: <c>Authorization</c> values, hellos, proofs, Basic and others.</summary>
internal static class CredentialSeeds
{
    private const string Agent = FuzzWorld.ActiveAgent;
    private const string Uid = ProofForge.Uid;

    public static IEnumerable<(string Name, byte[] Bytes)> All(ProofForge f)
    {
        static (string, byte[]) S(string name, string text) => (name, Encoding.UTF8.GetBytes(text));

        yield return S("hello", $"SMPToken agent=\"{Agent}\", nonce=\"{Uid}\"");
        yield return S("hello-reversed", $"SMPToken nonce=\"{Uid}\",agent=\"{Agent}\"");
        yield return S("hello-lowercase-scheme", $"smptoken agent=\"{Agent}\", nonce=\"{Uid}\"");
        yield return S("hello-spaces", $"  SMPToken   agent = \"{Agent}\" ,  nonce=\"{Uid}\"  ");
        yield return S("hello-repeated", $"SMPToken agent=\"{Agent}\", agent=\"{Agent}\", nonce=\"{Uid}\"");
        yield return S("hello-unknown-param", $"SMPToken agent=\"{Agent}\", nonce=\"{Uid}\", realm=\"x\"");
        yield return S("hello-escaped-quote", $"SMPToken agent=\"{Agent}\\\"\", nonce=\"{Uid}\"");
        yield return S("hello-unclosed", $"SMPToken agent=\"{Agent}, nonce=\"{Uid}");
        yield return S("hello-trailing-comma", $"SMPToken agent=\"{Agent}\", nonce=\"{Uid}\",");
        yield return S("hello-uppercase-guid", $"SMPToken agent=\"{Agent.ToUpperInvariant()}\", nonce=\"{Uid}\"");
        yield return S("hello-short-uid", $"SMPToken agent=\"{Agent}\", nonce=\"short\"");
        yield return S("hello-unquoted", $"SMPToken agent={Agent}, nonce={Uid}");
        yield return S("proof", "SMPToken " + f.Proof(1));
        yield return S("scheme-only", "SMPToken");
        yield return S("basic", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("fuzz-user:not-a-secret")));
        yield return S("basic-empty-password", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("fuzz-user:")));
        yield return S("basic-no-colon", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("fuzz-user")));
        yield return S("basic-empty-user", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":pw")));
        yield return S("basic-not-base64", "Basic ***");
        yield return S("basic-invalid-utf8", "Basic " + Convert.ToBase64String([0x75, 0xC3, 0x28, 0x3A, 0x70]));
        yield return S("basic-long", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:" + new string('p', 600))));
        yield return S("bearer", "Bearer abc.def.ghi");
        yield return S("empty", string.Empty);
        yield return S("spaces", "   ");
    }
}
