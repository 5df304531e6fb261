using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Google.Protobuf.Reflection;

namespace SealMatch.Cli.Remote;

/// <summary>
/// Proto enum values by their wire names, without the type prefix: <c>SPECIMEN_ROLE_FINANCE_SEAL</c> is
/// shown and accepted as <c>FINANCE_SEAL</c> (case-insensitive, <c>-</c> for <c>_</c> allowed).
/// </summary>
internal static class ProtoEnums
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Short, string Wire, object Value)>> Cache = new();

    /// <summary>The value's wire name without its type prefix (<c>FINANCE_SEAL</c>, <c>NO_SEAL_FOUND</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        foreach ((string shortName, _, object v) in Values(typeof(T)))
        {
            if (v.Equals(value))
            {
                return shortName;
            }
        }

        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The names a user may type (unspecified left out).</summary>
    public static IReadOnlyList<string> Names<T>()
        where T : struct, Enum =>
        [.. Values(typeof(T)).Where(v => Convert.ToInt64(v.Value, System.Globalization.CultureInfo.InvariantCulture) != 0).Select(v => v.Short)];

    /// <summary>Parses a short or full wire name; the unspecified value is never accepted.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string key = Normalise(text);
        foreach ((string shortName, string wire, object v) in Values(typeof(T)))
        {
            if ((key == shortName || key == wire) && Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                value = (T)v;
                return true;
            }
        }

        return false;
    }

    /// <summary>Upper case, <c>-</c> and spaces as <c>_</c>.</summary>
    public static string Normalise(string text) => text.Trim().Replace('-', '_').Replace(' ', '_').ToUpperInvariant();

    private static IReadOnlyList<(string Short, string Wire, object Value)> Values(Type type) => Cache.GetOrAdd(type, static t =>
    {
        string prefix = ScreamingSnake(t.Name) + "_";
        var list = new List<(string, string, object)>();
        foreach (FieldInfo field in t.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            string wire = field.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? ScreamingSnake(field.Name);
            string shortName = wire.StartsWith(prefix, StringComparison.Ordinal) ? wire[prefix.Length..] : wire;
            list.Add((shortName, wire, field.GetValue(null)!));
        }

        return list;
    });

    private static string ScreamingSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
