using System.Security.Cryptography;
using System.Text;
using Repro.Core.Training;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Store;

/// <summary>
/// The content address of a run: a hash of every input that changes its numbers. <see cref="Inputs"/> keeps
/// them by name, so a stale entry can say which input changed. Every filled run field enters, but a field marked
/// <see cref="RunField.OutOfKeyAtDefault"/> while it holds its default: so a field added later changes no existing key.
/// </summary>
public sealed record RunKey(string Value, IReadOnlyDictionary<string, string> Inputs)
{
    /// <param name="parent">The key of the run this one continues from its final parameters, or null: a different
    /// parent is a different starting point, so it enters the key.</param>
    /// <param name="fields">The run fields the config was made by: <see cref="RunFields.All"/>, unless a test adds one.</param>
    public static RunKey For(RunConfig config, KeyEnvironment environment, string dataFingerprint, string? parent = null,
                             IReadOnlyList<RunField>? fields = null)
    {
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["store_schema"] = KeyEnvironment.StoreSchemaVersion.ToString(),
            ["engine"] = environment.EngineVersion.ToString(),
            ["torchsharp"] = environment.TorchSharpVersion,
            ["libtorch"] = environment.LibTorchVersion,
            ["threads"] = environment.Threads.ToString(),
            ["data"] = dataFingerprint,
        };
        foreach (var (name, value) in config.Values)
            if (!(name == RunFields.CurvatureMeasures.Name && MeasuresKeyNothing(config)) && FieldNamed(name, fields)?.EntersKey(value) != false)
                inputs["config." + name] = value.Canonical;
        if (HessianChunk(config) is { } chunk) inputs["hessian_chunk"] = chunk.ToString();
        if (parent is not null) inputs["parent"] = parent;
        if (config.Values.TryGetValue(RunFields.Device.Name, out var device))
        {
            // `auto` is keyed as what it resolves to here, so an auto run on a CPU machine is the cpu run.
            inputs["config." + RunFields.Device.Name] = FieldValue.Text(environment.DeviceKindOf(device.AsText)).Canonical;
            inputs["device"] = environment.ResolveDevice(device.AsText);
        }
        return new RunKey(Hash(inputs), inputs);
    }

    private static RunField? FieldNamed(string name, IReadOnlyList<RunField>? fields) =>
        fields is null ? RunFields.Find(name) : fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// The measures leave a key as it was before they were a choice where they change nothing: a run that measures no
    /// curvature, or one that measures everything (what every run measured then). Every other set enters the key.
    /// </summary>
    private static bool MeasuresKeyNothing(RunConfig config) =>
        !config.Values.TryGetValue(RunFields.CurvatureEvery.Name, out var every) || every.AsInteger == 0
        || RunChoices.MeasuresOf(config.Words(RunFields.CurvatureMeasures)) == CurvatureMeasures.All;

    /// <summary>
    /// Examples per Hessian-set chunk where they are not the 1,024 every run had until convolutional nets took chunks of
    /// 256 (<see cref="HessianSet.ConvolutionalChunkSize"/>): the curvature of such a run sums its chunks in another order, so the
    /// input keeps its entries apart from entries made the old way, and every other run keeps its key.
    /// </summary>
    private static int? HessianChunk(RunConfig config)
    {
        if (!config.Values.TryGetValue(RunFields.Model.Name, out var model) || !RunFields.IsTrainerModel(model.AsText)) return null;
        if (!config.Values.TryGetValue(RunFields.CurvatureEvery.Name, out var every) || every.AsInteger == 0) return null;
        int chunk = HessianSet.ChunkSizeFor(RunChoices.Architectures.Parse(model.AsText));
        return chunk == HessianSet.ChunkSize ? null : chunk;
    }

    /// <summary>The key of these inputs: how a key is made, and how <c>merge</c> checks one it did not make.</summary>
    public static string Hash(IReadOnlyDictionary<string, string> inputs)
    {
        string document = string.Join("\n", inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)))[..24];
    }

    /// <summary>Why an entry made from <paramref name="old"/> inputs does not serve these: one phrase per change.</summary>
    public IReadOnlyList<string> ChangesSince(IReadOnlyDictionary<string, string> old)
    {
        var changes = new List<string>();
        foreach (var name in Inputs.Keys.Union(old.Keys).Order(StringComparer.Ordinal))
        {
            var now = Inputs.GetValueOrDefault(name);
            var then = old.GetValueOrDefault(name);
            if (now == then) continue;
            changes.Add((then, now) switch
            {
                (null, _) => $"{name} added ({now})",
                (_, null) => $"{name} removed (was {then})",
                _ => $"{name} {then} -> {now}",
            });
        }
        return changes;
    }

    public override string ToString() => Value;
}
