using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace Smp.Gateway.Configuration;

/// <summary>
/// Reads the <c>Gateway</c> section against <see cref="GatewayOptions"/> before anything binds it: a key no option
/// has (<c>Gateway:Tokns</c>) is named with the nearest known key, and a value its option's type cannot take
/// (<c>Lifetime: soon</c>) is named with an example, every one at once. Binding would silently drop the first and
/// throw on the second, one at a time and far from the key.
/// </summary>
internal static class GatewayKeyCheck
{
    /// <summary>Adds one line per problem to <paramref name="problems"/>; false when a value cannot be bound at all.</summary>
    public static bool Check(IConfiguration configuration, List<string> problems)
    {
        int unbindable = 0;
        Walk(configuration.GetSection(GatewayOptions.SectionName), typeof(GatewayOptions), problems, ref unbindable);
        return unbindable == 0;
    }

    private static void Walk(IConfigurationSection section, Type type, List<string> problems, ref int unbindable)
    {
        if (Leaf(type))
        {
            if (section.Value is { } value && Convert(type, value) is { } example)
            {
                problems.Add($"{section.Path}: '{value}' is not {example}.");
                unbindable++;
            }

            return;
        }

        if (Element(type) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                Walk(child, element, problems, ref unbindable);
            }

            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is not null)
            {
                Walk(child, property.PropertyType, problems, ref unbindable);
                continue;
            }

            string parent = section.Path;
            problems.Add(NearestName.Find(child.Key, properties.Select(p => p.Name)) is { } near
                ? $"{child.Path}: is not a setting; did you mean {parent}:{near}?"
                : $"{child.Path}: is not a setting of {parent} ({string.Join(", ", properties.Select(p => p.Name))}).");
        }
    }

    private static bool Leaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Uri) || t == typeof(Guid);
    }

    /// <summary>The element type of a list, an array or a dictionary with string keys; null for an options class.</summary>
    private static Type? Element(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) ? arguments[0]
            : definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) ? arguments[1]
            : null;
    }

    /// <summary>Null when <paramref name="value"/> converts as the binder converts it; otherwise what it should look like.</summary>
    private static string? Convert(Type type, string value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (type == typeof(string) || (underlying is not null && value.Length == 0))
        {
            return null;
        }

        var t = underlying ?? type;
        try
        {
            TypeDescriptor.GetConverter(t).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException
            || e.InnerException is FormatException or OverflowException)
        {
            return Example(t);
        }
    }

    private static string Example(Type t) =>
        t == typeof(TimeSpan) ? "a time span (hh:mm:ss or d.hh:mm:ss, such as 00:05:00 or 30.00:00:00)"
        : t == typeof(bool) ? "true or false"
        : t == typeof(int) || t == typeof(long) ? "a whole number"
        : t == typeof(double) || t == typeof(decimal) ? "a number (such as 0.5)"
        : t == typeof(DateTimeOffset) || t == typeof(DateTime) ? "a date and time in ISO 8601 (such as 2026-12-31T00:00:00Z)"
        : "a " + t.Name.ToLower(CultureInfo.InvariantCulture);
}
