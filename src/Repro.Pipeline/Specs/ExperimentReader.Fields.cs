using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Repro.Pipeline.Specs;

/// <summary>The run fields of <see cref="ExperimentReader"/>: a group's or profile's fields, sweeps and grids, each value checked against its <see cref="RunField"/>.</summary>
public sealed partial class ExperimentReader
{
    private Dictionary<string, FieldValue> ReadFields(YamlMappingNode map, string where, Dictionary<string, int> lines)
    {
        var fields = new Dictionary<string, FieldValue>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var field = Field(keyNode, where);
            fields[field.Name] = Value(field, valueNode, $"{where}.{field.Name}");
            lines[field.Name] = (int)keyNode.Start.Line;
        }
        return fields;
    }

    private List<SweepAxis> ReadSweep(YamlMappingNode map, string where)
    {
        var axes = new List<SweepAxis>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var field = Field(keyNode, where);
            string at = $"{where}.{field.Name}";
            var values = valueNode switch
            {
                YamlSequenceNode seq => seq.Children.Select(v => Value(field, v, at)).ToList(),
                YamlMappingNode grid => Grid(field, grid, at),
                _ => throw Error(valueNode, $"{at}: a sweep is a list of values or {{logspace|linspace: [start, stop, count]}}"),
            };
            if (values.Count == 0) throw Error(valueNode, $"{at}: empty sweep");
            if (values.Distinct().Count() != values.Count) throw Error(valueNode, $"{at}: the sweep repeats a value");
            axes.Add(new SweepAxis(field.Name, values, (int)keyNode.Start.Line));
        }
        return axes;
    }

    private List<FieldValue> Grid(RunField field, YamlMappingNode grid, string at)
    {
        if (field.Kind != FieldKind.Number || grid.Children.Count != 1)
            throw Error(grid, $"{at}: a grid sweep is {{logspace|linspace: [start, stop, count]}} on a number field");
        var (kindNode, argsNode) = grid.Children.Single();
        string kind = Key(kindNode);
        if (kind is not ("logspace" or "linspace")) throw Error(kindNode, $"{at}: unknown grid '{kind}' (logspace or linspace)");
        if (argsNode is not YamlSequenceNode { Children.Count: 3 } args)
            throw Error(argsNode, $"{at}.{kind}: expected [start, stop, count]");
        double start = Number(args[0], at), stop = Number(args[1], at);
        long count = Integer(args[2], at);
        if (count < 1) throw Error(args[2], $"{at}.{kind}: count must be at least 1");
        if (count > checks.MaxRunsPerFile)
            throw Error(args[2], $"{at}.{kind}: {count} points, more than the limit of {checks.MaxRunsPerFile} runs per file (set {LoadChecks.MaxRunsVariable} to raise it)");
        if (kind == "logspace" && (start <= 0 || stop <= 0)) throw Error(argsNode, $"{at}.logspace: start and stop must be positive");
        var values = new List<FieldValue>();
        for (long i = 0; i < count; i++)
        {
            double t = count == 1 ? 0 : (double)i / (count - 1);
            double x = kind == "logspace"
                ? Math.Pow(10, Math.Log10(start) + t * (Math.Log10(stop) - Math.Log10(start)))
                : start + t * (stop - start);
            // Rounded to 6 significant digits so the grid's canonical values (and run keys) read cleanly.
            values.Add(Checked(field, FieldValue.Number(double.Parse(x.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)), args, at));
        }
        return values;
    }

    private RunField Field(YamlNode keyNode, string where)
    {
        string name = Key(keyNode);
        return RunFields.Find(name) ?? throw Error(keyNode, $"{where}: unknown field '{name}'" + Suggestion(name));
    }

    private FieldValue Value(RunField field, YamlNode node, string at)
    {
        var value = field.Kind switch
        {
            FieldKind.Text => FieldValue.Text(Text(node, at)),
            FieldKind.Integer => FieldValue.Integer(Integer(node, at)),
            FieldKind.Number => FieldValue.Number(Number(node, at)),
            FieldKind.Boolean => Unquoted(node, at) is YamlScalarNode { Value: "true" or "false" } flag
                ? FieldValue.Boolean(flag.Value == "true")
                : throw Error(node, $"{at}: expected true or false, got {Shown(node)}"),
            FieldKind.TextSet => node is YamlSequenceNode words
                ? FieldValue.Words(words.Children.Select(c => Text(c, at)).ToList())
                : throw Error(node, $"{at}: expected a list of words, such as [{string.Join(", ", field.Choices ?? [])}]"),
            FieldKind.NumberList => node is YamlSequenceNode seq
                ? FieldValue.Numbers(seq.Children.Select(c => Number(c, at)).ToList())
                : throw Error(node, $"{at}: expected a list of numbers"),
            _ => throw new InvalidOperationException(field.Kind.ToString()),
        };
        return Checked(field, value, node, at);
    }

    private FieldValue Checked(RunField field, FieldValue value, YamlNode node, string at) =>
        field.Problem(value) is { } problem ? throw Error(node, $"{at}: {problem}") : value;

    private static string Suggestion(string name)
    {
        var close = RunFields.All.Select(f => f.Name).FirstOrDefault(f => Distance(f, name) <= 2);
        return close is null ? "" : $" (did you mean '{close}'?)";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
