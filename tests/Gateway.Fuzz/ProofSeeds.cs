namespace Smp.Gateway.Fuzz;

/// <summary>
/// Seeds of the proof target: proofs that pass, one for each check of §8 that fails, and edge shapes
/// of ATTACKS.md (alg none and HS256, padding, JWE-like headers, counters out of range, duplicates).
/// </summary>
internal static class ProofSeeds
{
    public const string OtherAgent = "0d7e6f5a-4b3c-4d2e-9f1a-0b1c2d3e4f5a";

    /// <summary>Proofs the world must accept: the only inputs for which success is no crash.</summary>
    public static IEnumerable<(string Name, string Text)> Accepted(ProofForge f)
    {
        yield return ("valid-ctr-1", f.Proof(1));
        yield return ("valid-ctr-64", f.Proof(64));
        yield return ("valid-ctr-max", f.Proof(9_007_199_254_740_991));
        // The Issuer signed this spelling, escaped `sub` and all, so it is its token.
        yield return ("valid-escaped-sub", f.Proof(f.Token(f.Header(), f.Payload().Replace("\"sub\":\"3", "\"sub\":\"\\u0033", StringComparison.Ordinal)), ProofForge.Nonce(1)));
    }

    public static IEnumerable<(string Name, string Text)> Refused(ProofForge f)
    {
        string token = f.Token(f.Header(), f.Payload());
        string valid = f.Proof(1);
        string Signed(string header, string payload, string nonce) => f.Proof(f.Token(header, payload), nonce);
        string Part(string proof, int index, string value)
        {
            string[] parts = proof.Split('.');
            parts[index] = value;
            return string.Join('.', parts);
        }

        yield return ("unknown-kid", Signed(f.Header(kid: "no-such-key"), f.Payload(), ProofForge.Nonce(1)));
        yield return ("alg-none", Part(Signed(f.Header(alg: "none"), f.Payload(), ProofForge.Nonce(1)), 2, "AA"));
        yield return ("alg-hs256", Signed(f.Header(alg: "HS256"), f.Payload(), ProofForge.Nonce(1)));
        yield return ("server-signature-invalid", Part(valid, 2, f.Proof(2).Split('.')[4]));
        yield return ("expired", Signed(f.Header(), f.Payload(iat: FuzzWorld.Now - 40_000), ProofForge.Nonce(1)));
        yield return ("not-yet-valid", Signed(f.Header(), f.Payload(iat: FuzzWorld.Now + 600), ProofForge.Nonce(1)));
        yield return ("audience-mismatch", Signed(f.Header(), f.Payload(aud: "https://elsewhere.invalid"), ProofForge.Nonce(1)));
        yield return ("stale-epoch", Signed(f.Header(), f.Payload(iat: FuzzWorld.Now - 30), ProofForge.Nonce(1)));
        yield return ("agent-unknown", Signed(f.Header(), f.Payload(sub: OtherAgent), ProofForge.Nonce(1)));
        yield return ("agent-revoked", Signed(f.Header(), f.Payload(sub: FuzzWorld.RevokedAgent), ProofForge.Nonce(1)));
        yield return ("key-mismatch", Signed(f.Header(), f.Payload(jkt: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ProofForge.Nonce(1)));
        yield return ("agent-signature-invalid", Part(valid, 4, f.Proof(2).Split('.')[4]));
        yield return ("nonce-mismatch", f.Proof(token, ProofForge.Nonce(1, uid: "b3RoZXItdWlkLW9mLWFnZW50")));
        yield return ("token-revoked", Signed(f.Header(), f.Payload(jti: FuzzWorld.RevokedJti), ProofForge.Nonce(1)));
        yield return ("ctr-0", f.Proof(token, ProofForge.Nonce(0)));
        yield return ("ctr-above-2-53", f.Proof(token, """{"uid":"c2VlZC11aWQtZm9yLWZ1enppbmc","ctr":9007199254740992}"""));
        yield return ("ctr-fraction", f.Proof(token, """{"uid":"c2VlZC11aWQtZm9yLWZ1enppbmc","ctr":1.5}"""));
        yield return ("ctr-string", f.Proof(token, """{"uid":"c2VlZC11aWQtZm9yLWZ1enppbmc","ctr":"5"}"""));
        yield return ("ctr-1e309", f.Proof(token, """{"uid":"c2VlZC11aWQtZm9yLWZ1enppbmc","ctr":1e309}"""));
        yield return ("nonce-extra-member", f.Proof(token, """{"uid":"c2VlZC11aWQtZm9yLWZ1enppbmc","ctr":3,"x":1}"""));
        yield return ("nonce-duplicate-ctr", f.Proof(token, """{"uid":"c2VlZC11aWQtZm9yLWZ1enppbmc","ctr":3,"ctr":4}"""));
        yield return ("header-duplicate-alg", Signed("""{"alg":"RS256","alg":"none","typ":"smp+jwt","kid":"k","nonce":{"uid":"c2VlZC11aWQtZm9yLWZ1enppbmc","ctr":0}}""", f.Payload(), ProofForge.Nonce(1)));
        yield return ("header-jwe-like", Signed("""{"alg":"RSA-OAEP","enc":"A256CBC-HS512","typ":"smp+jwt"}""", f.Payload(), ProofForge.Nonce(1)));
        yield return ("header-bom", Signed("\uFEFF" + f.Header(), f.Payload(), ProofForge.Nonce(1)));
        yield return ("payload-deep", Signed(f.Header(), """{"iss":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}""", ProofForge.Nonce(1)));
        yield return ("payload-lone-surrogate", Signed(f.Header(), f.Payload(sub: "\\ud800"), ProofForge.Nonce(1)));
        yield return ("padded", valid + "==");
        yield return ("space-inside", valid.Insert(20, " "));
        yield return ("six-parts", valid + ".AAAA");
        yield return ("four-parts", valid[..valid.LastIndexOf('.')]);
        yield return ("empty-part", Part(valid, 3, string.Empty));
        yield return ("non-zero-trailing-bits", Part(valid, 3, B64Trailing(valid.Split('.')[3])));
        yield return ("oversized", valid + new string('A', 8_300));
    }

    /// <summary>The same part with its last character's unused low bits set: a second spelling.</summary>
    private static string B64Trailing(string part) => part.Length % 4 == 0 ? part : part[..^1] + (part[^1] == 'A' ? 'B' : part[^1]);
}
