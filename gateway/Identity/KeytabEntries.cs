using System.Buffers.Binary;
using System.Text;

namespace Smp.Gateway.Identity;

/// <summary>
/// The principals and key types of a keytab file (MIT's format, version 0x502, as <c>ktpass</c>, <c>ktutil</c> and
/// <c>samba-tool domain exportkeytab</c> write it), read without the Kerberos library: what <c>klist -k -e</c> shows,
/// for <c>gateway doctor</c>. Keys are skipped, never kept.
/// </summary>
internal static class KeytabEntries
{
    /// <summary>Each entry as (principal <c>name/instance@REALM</c>, encryption type number, key version).</summary>
    public static List<(string Principal, int EncType, uint Kvno)> Read(byte[] file)
    {
        if (file.Length < 2 || file[0] != 5 || file[1] != 2)
        {
            throw new FormatException("not a keytab (version 0x502)");
        }

        var entries = new List<(string, int, uint)>();
        int at = 2;
        while (at + 4 <= file.Length)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            at += 4;
            if (size < 0 || at + size > file.Length)
            {
                // A hole left by a removed entry (negative), or the end.
                at += Math.Abs(size);
                continue;
            }

            var entry = file.AsSpan(at, size);
            at += size;
            int p = 0;
            int components = BinaryPrimitives.ReadUInt16BigEndian(entry);
            p += 2;
            string realm = Counted(entry, ref p);
            var names = new List<string>();
            for (int i = 0; i < components; i++)
            {
                names.Add(Counted(entry, ref p));
            }

            p += 4 + 4; // name type, timestamp
            uint kvno = entry[p++];
            int encType = BinaryPrimitives.ReadUInt16BigEndian(entry[p..]);
            p += 2;
            int keyLength = BinaryPrimitives.ReadUInt16BigEndian(entry[p..]);
            p += 2 + keyLength;
            if (p + 4 <= entry.Length)
            {
                kvno = BinaryPrimitives.ReadUInt32BigEndian(entry[p..]);
            }

            entries.Add((string.Join('/', names) + "@" + realm, encType, kvno));
        }

        return entries;
    }

    /// <summary>The name <c>klist -e</c> gives an encryption type.</summary>
    public static string EncTypeName(int encType) => encType switch
    {
        17 => "aes128-cts-hmac-sha1-96",
        18 => "aes256-cts-hmac-sha1-96",
        19 => "aes128-cts-hmac-sha256-128",
        20 => "aes256-cts-hmac-sha384-192",
        23 => "arcfour-hmac (RC4, deprecated)",
        _ => "enctype " + encType,
    };

    private static string Counted(ReadOnlySpan<byte> entry, ref int p)
    {
        int length = BinaryPrimitives.ReadUInt16BigEndian(entry[p..]);
        p += 2;
        string text = Encoding.UTF8.GetString(entry.Slice(p, length));
        p += length;
        return text;
    }
}
