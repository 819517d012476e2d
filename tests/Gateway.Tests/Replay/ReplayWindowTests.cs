using FsCheck;
using FsCheck.Fluent;
using Smp.Gateway.Replay;

namespace Smp.Gateway.Tests.Replay;

/// <summary>§9's window against the plainest model of it: a set of every counter ever accepted.</summary>
public sealed class ReplayWindowTests
{
    [Theory]
    [InlineData(new long[] { 10, 8, 9 }, new[] { true, true, true })]
    [InlineData(new long[] { 10, 8, 8 }, new[] { true, true, false })]
    [InlineData(new long[] { 1, 1 }, new[] { true, false })]
    [InlineData(new long[] { 100, 37 }, new[] { true, true })]
    [InlineData(new long[] { 100, 36 }, new[] { true, false })]
    [InlineData(new long[] { 5, 1_000_005, 1_000_004, 5 }, new[] { true, true, true, false })]
    [InlineData(new long[] { 9_007_199_254_740_991, 9_007_199_254_740_990, 9_007_199_254_740_991 }, new[] { true, true, false })]
    public void TryAccept_Sequence_Decides(long[] counters, bool[] expected)
    {
        var window = new ReplayWindow();
        Assert.Equal(expected, counters.Select(c => window.TryAccept(c, 64)).ToArray());
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property TryAccept_RandomSequences_MatchesModel()
    {
        var counters = Gen.Choose(1, 400).Select(i => (long)i).ListOf();
        var widths = Gen.Elements(1, 2, 7, 32, 63, 64);
        return Prop.ForAll(Arb.From(Gen.Zip(counters, widths)), pair =>
        {
            var (sequence, width) = pair;
            var window = new ReplayWindow();
            var accepted = new HashSet<long>();
            long highest = 0;
            foreach (long c in sequence)
            {
                // The model: accepted once, and only if within `width` of the highest seen so far.
                bool expected = !accepted.Contains(c) && c > highest - width;
                if (window.TryAccept(c, width) != expected)
                {
                    return false;
                }

                if (expected)
                {
                    accepted.Add(c);
                    highest = Math.Max(highest, c);
                }
            }

            return true;
        });
    }
}
