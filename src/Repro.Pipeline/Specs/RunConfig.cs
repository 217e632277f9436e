namespace Repro.Pipeline.Specs;

/// <summary>A fully resolved run: every field with its value, defaults filled in.</summary>
public sealed class RunConfig
{
    private readonly SortedDictionary<string, FieldValue> values;

    public RunConfig(IEnumerable<KeyValuePair<string, FieldValue>> values) =>
        this.values = new SortedDictionary<string, FieldValue>(values.ToDictionary(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FieldValue> Values => values;

    /// <summary>
    /// Completes the fields a run set: the defaults of every field its model uses are filled in; a field its model
    /// does not use, a missing required field or a broken rule throws <see cref="ArgumentException"/> with the reason.
    /// </summary>
    public static RunConfig Complete(IReadOnlyDictionary<string, FieldValue> set)
    {
        var values = new Dictionary<string, FieldValue>(set);
        if (values.TryGetValue(RunFields.Model.Name, out var model))
        {
            if (values.Keys.Select(RunFields.Find).FirstOrDefault(f => !f!.AppliesTo(model.AsText)) is { } stray)
                throw new ArgumentException($"field '{stray.Name}' does not apply to model {model.AsText}");
            foreach (var field in RunFields.All)
                if (field.Default is not null && field.AppliesTo(model.AsText)) values.TryAdd(field.Name, field.Default);
        }
        var missing = RunFields.Required.Where(r => !values.ContainsKey(r)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (missing is not null) throw new ArgumentException($"missing required field '{missing}'");
        var config = new RunConfig(values);
        return RunRules.Problem(config) is { } problem ? throw new ArgumentException(problem) : config;
    }

    /// <summary>This run with one field's value replaced (an override from outside the experiment file, such as --device).</summary>
    public RunConfig With(RunField field, FieldValue value) =>
        new(values.Where(kv => kv.Key != field.Name).Append(new(field.Name, value)));

    /// <summary>Sorted <c>name=value</c> lines: the form that enters the run key.</summary>
    public string Canonical => string.Join("\n", values.Select(kv => $"{kv.Key}={kv.Value.Canonical}"));

    /// <summary>The typed view of this run, made once from <see cref="RunFields"/>: what code reads instead of field names.</summary>
    public RunSettings Settings => settings ??= new RunSettings(this);

    private RunSettings? settings;

    public bool Has(RunField field) => values.ContainsKey(field.Name);
    public string Text(RunField field) => Get(field.Name).AsText;
    public long Integer(RunField field) => Get(field.Name).AsInteger;
    public double Number(RunField field) => Get(field.Name).AsNumber;
    public IReadOnlyList<double> Numbers(RunField field) => Get(field.Name).AsNumbers;
    public bool Boolean(RunField field) => Get(field.Name).AsBoolean;
    public IReadOnlyList<string> Words(RunField field) => Get(field.Name).AsWords;

    public bool Has(string name) => values.ContainsKey(name);
    public string Text(string name) => Get(name).AsText;
    public long Integer(string name) => Get(name).AsInteger;
    public double Number(string name) => Get(name).AsNumber;
    public IReadOnlyList<double> Numbers(string name) => Get(name).AsNumbers;
    public bool Boolean(string name) => Get(name).AsBoolean;

    private FieldValue Get(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"run field '{name}' is not set");
}
