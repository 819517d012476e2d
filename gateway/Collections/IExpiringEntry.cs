namespace Smp.Gateway.Collections;

/// <summary>An entry of an <see cref="ExpiringMap{TKey, TValue}"/>: when it may be dropped, and what it gives back then.</summary>
internal interface IExpiringEntry
{
    /// <summary>Unix seconds from which the entry is dropped by a sweep.</summary>
    long ExpiresAt { get; }

    /// <summary>Gives back what the entry holds beyond its place in the map (an owner's share, say); called once, when it leaves or never enters.</summary>
    void Release();
}
