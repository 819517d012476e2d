using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Smp.Gateway.Collections;

/// <summary>
/// A concurrent map bounded in its count of entries and swept of expired ones: what the issued-token cache, the
/// verified-signature cache and the embedded replay registry each keep. The count is kept beside the dictionary
/// (its own <c>Count</c> takes every lock), and a place is reserved before an entry is built, so a full map
/// refuses at the price of one interlocked add. Values are structs or small classes implementing
/// <see cref="IExpiringEntry"/>, called through the generic constraint: no boxing, nothing allocated per lookup.
/// </summary>
internal sealed class ExpiringMap<TKey, TValue>
    where TKey : notnull
    where TValue : IExpiringEntry
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private int _count;

    /// <summary>The entries held, and places reserved for entries about to be added.</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    public bool ContainsKey(TKey key) => _entries.ContainsKey(key);

    /// <summary>Replaces the value of a key present, or adds it (the caller has a place reserved, or knows the key is there).</summary>
    public void Set(TKey key, TValue value) => _entries[key] = value;

    /// <summary>Counts a place for one new entry; false, with nothing counted, when <paramref name="capacity"/> is reached.</summary>
    public bool TryReserve(int capacity)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        return true;
    }

    /// <summary>Gives back a place from <see cref="TryReserve"/> that no entry took.</summary>
    public void CancelReservation() => Interlocked.Decrement(ref _count);

    /// <summary>
    /// Adds <paramref name="value"/> into a place reserved by <see cref="TryReserve"/>. Should another entry
    /// have come first under the key, the place is given back, <paramref name="value"/> released, and
    /// <paramref name="stored"/> is the entry there.
    /// </summary>
    public bool TryAddReserved(TKey key, TValue value, out TValue stored)
    {
        while (!_entries.TryAdd(key, value))
        {
            if (_entries.TryGetValue(key, out stored!))
            {
                Interlocked.Decrement(ref _count);
                value.Release();
                return false;
            }
        }

        stored = value;
        return true;
    }

    /// <summary>Drops the entries expired at <paramref name="now"/> (Unix seconds), releasing each; returns how many.</summary>
    public int Sweep(long now)
    {
        int removed = 0;
        foreach (var entry in _entries)
        {
            if (entry.Value.ExpiresAt <= now && _entries.TryRemove(entry))
            {
                Interlocked.Decrement(ref _count);
                entry.Value.Release();
                removed++;
            }
        }

        return removed;
    }
}
