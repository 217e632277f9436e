using YamlDotNet.Serialization;

namespace Repro.Rehearsal;

/// <summary>A workflow file as plain maps, lists and strings (what YamlDotNet gives for an untyped document).</summary>
public static class Yaml
{
    public static Dictionary<object, object> Load(string text) =>
        new DeserializerBuilder().Build().Deserialize<object>(text) as Dictionary<object, object>
        ?? throw new FormatException("a workflow must be a mapping");

    public static Dictionary<object, object>? Map(object? node, string key) =>
        node is Dictionary<object, object> m && m.TryGetValue(key, out var v) ? v as Dictionary<object, object> : null;

    public static List<object>? List(object? node, string key) =>
        node is Dictionary<object, object> m && m.TryGetValue(key, out var v) ? v as List<object> : null;

    public static string? Text(object? node, string key) =>
        node is Dictionary<object, object> m && m.TryGetValue(key, out var v) ? v?.ToString() : null;

    public static object? Value(object? node, string key) =>
        node is Dictionary<object, object> m && m.TryGetValue(key, out var v) ? v : null;

    public static IEnumerable<KeyValuePair<string, object?>> Pairs(Dictionary<object, object>? map) =>
        map is null ? [] : map.Select(p => new KeyValuePair<string, object?>(p.Key.ToString()!, p.Value));
}
