using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Core.Optimizers;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Runs;

/// <summary>
/// An <see cref="OptimizerSpec"/> in <c>spec.json</c>, byte for byte as it was written when each hyperparameter was a
/// property of the spec: Kind, LearningRate, BatchSize, then every hyperparameter of <see cref="OptimizerCatalog"/> in
/// order under its name in PascalCase (a choice as its value's name in PascalCase: Clipped-Ada's <c>"Upper"</c>), then
/// WarmupSteps and the Schedule. Store entries hash the file and resumed runs compare it, so the layout must not move;
/// for the same reason a hyperparameter added later (its field <see cref="RunField.OutOfKeyAtDefault"/>) is written only
/// away from its default, as it enters the key only then. Read back the same way; one absent holds its default, and
/// Schedule (derived) and unknown properties are skipped, as the default reader did.
/// </summary>
public sealed class OptimizerSpecJsonConverter : JsonConverter<OptimizerSpec>
{
    private static readonly Dictionary<string, Hyperparameter> ByProperty = OptimizerCatalog.Hyperparameters.ToDictionary(h => Pascal(h.Name));

    public override void Write(Utf8JsonWriter writer, OptimizerSpec value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(nameof(OptimizerSpec.Kind));
        JsonSerializer.Serialize(writer, value.Kind, options);
        writer.WriteNumber(nameof(OptimizerSpec.LearningRate), value.LearningRate);
        writer.WritePropertyName(nameof(OptimizerSpec.BatchSize));
        JsonSerializer.Serialize(writer, value.BatchSize, options);
        foreach (var parameter in OptimizerCatalog.Hyperparameters)
        {
            string name = Pascal(parameter.Name);
            switch (parameter)
            {
                case NumberHyperparameter number when Written(number, value.Hyperparameters[number].Equals(number.Default)):
                    writer.WriteNumber(name, value.Hyperparameters[number]);
                    break;
                case ChoiceHyperparameter choice when Written(choice, value.Hyperparameters[choice] == choice.Default):
                    writer.WriteString(name, Pascal(value.Hyperparameters[choice]));
                    break;
                case NumberHyperparameter or ChoiceHyperparameter:
                    break;
                default:
                    throw new NotSupportedException(parameter.GetType().Name);
            }
        }
        writer.WriteNumber(nameof(OptimizerSpec.WarmupSteps), value.WarmupSteps);
        writer.WritePropertyName(nameof(OptimizerSpec.Schedule));
        JsonSerializer.Serialize(writer, value.Schedule, options);
        writer.WriteEndObject();
    }

    public override OptimizerSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("the optimizer is not an object");
        OptimizerKind kind = default;
        double learningRate = 0;
        int? batchSize = null;
        int warmupSteps = 0;
        var hyperparameters = HyperparameterValues.Defaults;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case nameof(OptimizerSpec.Kind): kind = JsonSerializer.Deserialize<OptimizerKind>(ref reader, options); break;
                case nameof(OptimizerSpec.LearningRate): learningRate = JsonSerializer.Deserialize<double>(ref reader, options); break;
                case nameof(OptimizerSpec.BatchSize): batchSize = JsonSerializer.Deserialize<int?>(ref reader, options); break;
                case nameof(OptimizerSpec.WarmupSteps): warmupSteps = JsonSerializer.Deserialize<int>(ref reader, options); break;
                default:
                    if (ByProperty.TryGetValue(property, out var parameter)) hyperparameters = ReadValue(ref reader, parameter, hyperparameters, options);
                    else reader.Skip();
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("the optimizer object does not end");
        return new OptimizerSpec(kind, learningRate, batchSize, warmupSteps) { Hyperparameters = hyperparameters };
    }

    private static HyperparameterValues ReadValue(ref Utf8JsonReader reader, Hyperparameter parameter, HyperparameterValues values, JsonSerializerOptions options)
    {
        try
        {
            switch (parameter)
            {
                case NumberHyperparameter number:
                    return values.With(number, JsonSerializer.Deserialize<double>(ref reader, options));
                case ChoiceHyperparameter choice:
                    string text = JsonSerializer.Deserialize<string>(ref reader, options) ?? "";
                    return values.With(choice, choice.Names.FirstOrDefault(n => string.Equals(Pascal(n), text, StringComparison.OrdinalIgnoreCase)) ?? text);
                default:
                    throw new NotSupportedException(parameter.GetType().Name);
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new JsonException(e.Message.Split(" (Parameter")[0]);
        }
    }

    private static bool Written(Hyperparameter parameter, bool atDefault) => !(atDefault && RunFields.Of(parameter).OutOfKeyAtDefault);

    /// <summary><c>clip_bound</c> → <c>ClipBound</c>, <c>upper</c> → <c>Upper</c>.</summary>
    private static string Pascal(string name) =>
        string.Concat(name.Split('_', '-').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
