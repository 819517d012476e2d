using System.Text;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Fuzz;

/// <summary>Seeds of the enrollment target: bodies of <c>POST /smp/agents</c>, one for each refusal of §4 and some shapes.</summary>
internal static class EnrollmentSeeds
{
    public static IEnumerable<(string Name, byte[] Bytes)> All(FuzzWorld world)
    {
        string n = world.AgentJwk.N;
        string id = FuzzWorld.ActiveAgent;
        string Body(string key, string agent = FuzzWorld.ActiveAgent) => $$"""{"agentId":"{{agent}}","publicKey":{{key}}}""";
        static (string, byte[]) S(string name, string text) => (name, Encoding.UTF8.GetBytes(text));

        yield return S("valid", Body($$"""{"kty":"RSA","n":"{{n}}","e":"AQAB"}"""));
        yield return S("valid-all-members", Body($$"""{"kty":"RSA","n":"{{n}}","e":"AQAB","alg":"RS256","use":"sig","kid":"k1"}"""));
        yield return S("key-first", $$"""{"publicKey":{"kty":"RSA","n":"{{n}}","e":"AQAB"},"agentId":"{{id}}"}""");
        yield return S("private-member", Body($$"""{"kty":"RSA","n":"{{n}}","e":"AQAB","d":"AQAB"}"""));
        yield return S("duplicate-agent", $$$"""{"agentId":"{{{id}}}","agentId":"{{{id}}}","publicKey":{}}""");
        yield return S("duplicate-n", Body($$"""{"kty":"RSA","n":"{{n}}","n":"{{n}}","e":"AQAB"}"""));
        yield return S("unknown-member", $$"""{"agentId":"{{id}}","x":1}""");
        yield return S("uppercase-guid", Body("{}", id.ToUpperInvariant()));
        yield return S("kty-ec", Body($$"""{"kty":"EC","n":"{{n}}","e":"AQAB"}"""));
        yield return S("alg-hs256", Body($$"""{"kty":"RSA","n":"{{n}}","e":"AQAB","alg":"HS256"}"""));
        yield return S("e-three", Body($$"""{"kty":"RSA","n":"{{n}}","e":"Aw"}"""));
        yield return S("n-leading-zero", Body($$"""{"kty":"RSA","n":"AA{{n}}","e":"AQAB"}"""));
        yield return S("n-1024-bits", Body($$"""{"kty":"RSA","n":"{{n[..171]}}","e":"AQAB"}"""));
        yield return S("n-padded", Body($$"""{"kty":"RSA","n":"{{n}}=","e":"AQAB"}"""));
        yield return S("n-number", Body("""{"kty":"RSA","n":12,"e":"AQAB"}"""));
        yield return S("n-huge", Body($$"""{"kty":"RSA","n":"{{Base64Url.Encode(Enumerable.Repeat((byte)0xC5, 2100).ToArray())}}","e":"AQAB"}"""));
        yield return S("key-array", Body("[]"));
        yield return S("body-array", "[1,2]");
        yield return S("deep", """{"agentId":[[[[[[[[]]]]]]]]}""");
        yield return S("empty", string.Empty);
        yield return S("bom", "\uFEFF" + Body("{}"));
        yield return S("trailing", Body("{}") + "{}");
        yield return S("escaped-name", Body($$"""{"\u006bty":"RSA","n":"{{n}}","e":"AQAB"}"""));
        yield return S("lone-surrogate", """{"agentId":"\ud800","publicKey":{}}""");
    }
}
