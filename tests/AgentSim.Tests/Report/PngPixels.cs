using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Smp.AgentSim.Tests.Report;

/// <summary>
/// The pixels of an 8-bit RGB or RGBA PNG, not interlaced (what Chromium's screenshots are): enough
/// to count the pixels of a chart's colour without an image library.
/// </summary>
internal sealed class PngPixels
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngPixels(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public static PngPixels Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (int at = 8; at < file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = Encoding.ASCII.GetString(file, at + 4, 4);
            ReadOnlySpan<byte> data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.True(data[8] == 8 && data[12] == 0, "expected an 8-bit PNG without interlacing");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {data[9]}") };
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            at += length + 12;
        }

        compressed.Position = 0;
        using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        return new PngPixels(width, height, channels, Unfilter(raw.ToArray(), width, height, channels));
    }

    /// <summary>How many pixels have exactly this colour.</summary>
    public int Count(string hexColour)
    {
        byte r = Convert.ToByte(hexColour[1..3], 16), g = Convert.ToByte(hexColour[3..5], 16), b = Convert.ToByte(hexColour[5..7], 16);
        int count = 0;
        for (int i = 0; i < _pixels.Length; i += _channels)
        {
            if (_pixels[i] == r && _pixels[i + 1] == g && _pixels[i + 2] == b)
            {
                count++;
            }
        }

        return count;
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        int stride = width * channels;
        byte[] output = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            for (int x = 0; x < stride; x++)
            {
                int a = x >= channels ? output[(y * stride) + x - channels] : 0;
                int b = y > 0 ? output[((y - 1) * stride) + x] : 0;
                int c = x >= channels && y > 0 ? output[((y - 1) * stride) + x - channels] : 0;
                int value = raw[(y * (stride + 1)) + 1 + x];
                output[(y * stride) + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + ((a + b) / 2),
                    4 => value + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
