using Microsoft.AspNetCore.Connections.Features;

namespace Smp.Gateway.Http;

/// <summary>
/// An object kept for a connection's life in Kestrel's per-connection items, found and created under a lock on them:
/// under HTTP/2 several streams of one connection share the items at once.
/// </summary>
internal static class ConnectionItems
{
    /// <summary>The connection's <typeparamref name="T"/> under <paramref name="key"/>; null when there is none, or no connection items.</summary>
    public static T? Find<T>(HttpContext context, object key) where T : class
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return null;
        }

        lock (items)
        {
            return items.TryGetValue(key, out var holder) ? holder as T : null;
        }
    }

    /// <summary>
    /// The connection's <typeparamref name="T"/> under <paramref name="key"/>, made by <paramref name="create"/> when there is
    /// none (<paramref name="created"/> then true); null without connection items.
    /// </summary>
    public static T? GetOrAdd<T>(HttpContext context, object key, Func<T> create, out bool created) where T : class
    {
        created = false;
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return null;
        }

        lock (items)
        {
            if (items.TryGetValue(key, out var existing) && existing is T found)
            {
                return found;
            }

            var made = create();
            items[key] = made;
            created = true;
            return made;
        }
    }
}
