namespace Repro.Pipeline.Specs;

/// <summary>A fully resolved run: every field with its value, defaults filled in.</summary>
public sealed class RunConfig
{
    private readonly SortedDictionary<string, FieldValue> _values;

    public RunConfig(IEnumerable<KeyValuePair<string, FieldValue>> values) =>
        _values = new SortedDictionary<string, FieldValue>(values.ToDictionary(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FieldValue> Values => _values;

    /// <summary>Sorted <c>name=value</c> lines: the form that enters the run key.</summary>
    public string Canonical => string.Join("\n", _values.Select(kv => $"{kv.Key}={kv.Value.Canonical}"));

    public bool Has(string name) => _values.ContainsKey(name);
    public string Text(string name) => Get(name).AsText;
    public long Integer(string name) => Get(name).AsInteger;
    public double Number(string name) => Get(name).AsNumber;
    public IReadOnlyList<double> Numbers(string name) => Get(name).AsNumbers;
    public bool Boolean(string name) => Get(name).AsBoolean;

    private FieldValue Get(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"run field '{name}' is not set");
}
