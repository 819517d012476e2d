using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.Jose;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>
/// The secret of a long-lived token: 32 random bytes, written <c>smp_pi_&lt;b64u&gt;</c> or <c>smp_asdk_&lt;b64u&gt;</c>,
/// shown once at issue and kept only as the SHA-256 of its text.
/// </summary>
internal static class LongLivedTokenSecret
{
    public const string PushInstallPrefix = "smp_pi_";
    public const string AsdkPrefix = "smp_asdk_";
    private const int SecretBytes = 32;
    private const int EncodedLength = 43;
    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string Create(LongLivedTokenKind kind) =>
        PrefixOf(kind) + Base64Url.Encode(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string PrefixOf(LongLivedTokenKind kind) => kind == LongLivedTokenKind.PushInstall ? PushInstallPrefix : AsdkPrefix;

    public static byte[] Digest(string text) => SHA256.HashData(Encoding.ASCII.GetBytes(text));

    /// <summary>True when <paramref name="text"/> has the form of a long-lived token; its kind and digest are then set.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out LongLivedTokenKind kind, out byte[] digest)
    {
        kind = text.StartsWith(PushInstallPrefix, StringComparison.Ordinal) ? LongLivedTokenKind.PushInstall : LongLivedTokenKind.Asdk;
        var body = text.StartsWith(PushInstallPrefix, StringComparison.Ordinal) ? text[PushInstallPrefix.Length..]
            : text.StartsWith(AsdkPrefix, StringComparison.Ordinal) ? text[AsdkPrefix.Length..]
            : default;
        digest = [];
        if (body.Length != EncodedLength || body.ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        digest = Digest(text.ToString());
        return true;
    }
}
