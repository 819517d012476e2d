using System.Text.Json;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Tokens;

/// <summary>
/// The members of the token's header and payload and of the agent's nonce (§5, §6), read strictly:
/// every member known, none twice, each of its type. <see cref="ProofParser"/> decodes the parts.
/// </summary>
internal static class TokenJson
{
    public static bool TryReadHeader(ref Utf8JsonReader r, ref TokenClaims.Reading c)
    {
        int seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool ok;
            string v = string.Empty;
            if (r.ValueTextEquals("alg"u8)) { ok = StrictJson.TryMark(ref seen, 1) && StrictJson.TryGetString(ref r, 16, out v); if (ok) { c.Alg = v; } }
            else if (r.ValueTextEquals("typ"u8)) { ok = StrictJson.TryMark(ref seen, 2) && StrictJson.TryGetString(ref r, 16, out v) && v == ProofParser.TokenType; }
            else if (r.ValueTextEquals("kid"u8)) { ok = StrictJson.TryMark(ref seen, 4) && StrictJson.TryGetString(ref r, 128, out v); if (ok) { c.Kid = v; } }
            else if (r.ValueTextEquals("nonce"u8)) { ok = StrictJson.TryMark(ref seen, 8) && TryReadHeaderNonce(ref r, ref c); }
            else { ok = false; }

            if (!ok)
            {
                return false;
            }
        }

        return r.TokenType == JsonTokenType.EndObject && seen == 15;
    }

    private static bool TryReadHeaderNonce(ref Utf8JsonReader r, ref TokenClaims.Reading c)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var nonce = new NonceValue();
        if (!TryReadNonceMembers(ref r, ref nonce, minimumCounter: 0) || nonce.Counter != 0 || !ProofParser.IsUid(nonce.Uid))
        {
            return false;
        }

        c.Uid = nonce.Uid;
        return true;
    }

    public static bool TryReadPayload(ref Utf8JsonReader r, ref TokenClaims.Reading c)
    {
        int seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool ok;
            string v = string.Empty;
            long n = 0;
            if (r.ValueTextEquals("iss"u8)) { ok = StrictJson.TryMark(ref seen, 1) && StrictJson.TryGetString(ref r, 256, out v); if (ok) { c.Iss = v; } }
            else if (r.ValueTextEquals("sub"u8)) { ok = StrictJson.TryMark(ref seen, 2) && StrictJson.TryGetString(ref r, 64, out v); if (ok) { c.Sub = v; } }
            else if (r.ValueTextEquals("aud"u8)) { ok = StrictJson.TryMark(ref seen, 4) && StrictJson.TryGetString(ref r, 512, out v); if (ok) { c.Aud = v; } }
            else if (r.ValueTextEquals("iat"u8)) { ok = StrictJson.TryMark(ref seen, 8) && StrictJson.TryGetInteger(ref r, out n); if (ok) { c.Iat = n; } }
            else if (r.ValueTextEquals("nbf"u8)) { ok = StrictJson.TryMark(ref seen, 16) && StrictJson.TryGetInteger(ref r, out n); if (ok) { c.Nbf = n; } }
            else if (r.ValueTextEquals("exp"u8)) { ok = StrictJson.TryMark(ref seen, 32) && StrictJson.TryGetInteger(ref r, out n); if (ok) { c.Exp = n; } }
            else if (r.ValueTextEquals("jti"u8)) { ok = StrictJson.TryMark(ref seen, 64) && StrictJson.TryGetString(ref r, 64, out v) && v.Length > 0; if (ok) { c.Jti = v; } }
            else if (r.ValueTextEquals("cnf"u8)) { ok = StrictJson.TryMark(ref seen, 128) && TryReadConfirmation(ref r, ref c); }
            else { ok = false; }

            if (!ok)
            {
                c.Sub = null;
                return false;
            }
        }

        bool complete = r.TokenType == JsonTokenType.EndObject && seen == 255;
        if (!complete)
        {
            c.Sub = null;
        }

        return complete;
    }

    private static bool TryReadConfirmation(ref Utf8JsonReader r, ref TokenClaims.Reading c)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        int seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!r.ValueTextEquals("jkt"u8) || !StrictJson.TryMark(ref seen, 1) || !StrictJson.TryGetString(ref r, 64, out var jkt))
            {
                return false;
            }

            c.Jkt = jkt;
        }

        return r.TokenType == JsonTokenType.EndObject && seen == 1;
    }

    public static bool TryReadNonceMembers(ref Utf8JsonReader r, ref NonceValue nonce, long minimumCounter)
    {
        int seen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool ok;
            if (r.ValueTextEquals("uid"u8)) { ok = StrictJson.TryMark(ref seen, 1) && StrictJson.TryGetString(ref r, 64, out nonce.Uid); }
            else if (r.ValueTextEquals("ctr"u8)) { ok = StrictJson.TryMark(ref seen, 2) && StrictJson.TryGetInteger(ref r, out nonce.Counter); }
            else { ok = false; }

            if (!ok)
            {
                return false;
            }
        }

        return r.TokenType == JsonTokenType.EndObject && seen == 3 && nonce.Counter >= minimumCounter;
    }
}
