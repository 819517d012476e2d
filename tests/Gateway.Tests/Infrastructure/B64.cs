using System.Buffers.Text;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>base64url for test-side code, from the runtime (not the gateway's own encoder).</summary>
internal static class B64
{
    public static string Url(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string Url(string utf8) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(utf8));

    public static string Decode(string part) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));
}
