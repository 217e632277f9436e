using System.Globalization;
using System.Text;
using Repro.Core.Training;

namespace Repro.Pipeline.Metrics;

/// <summary>
/// Streams metrics rows to <c>metrics.csv</c> as they are measured (invariant culture, round-trip doubles, empty
/// where not measured), flushed row by row, so a killed run leaves every row it took. On resume it keeps the rows
/// before the resume step. <see cref="MetricsCsv.Load"/> reads the file back with explicit column types.
/// </summary>
public sealed class MetricsCsvWriter : IDisposable
{
    public static readonly string[] Columns =
    [
        MetricColumns.Step, MetricColumns.TrainLoss, MetricColumns.TrainAccuracy, MetricColumns.TestAccuracy,
        MetricColumns.Sharpness, MetricColumns.LambdaMin, MetricColumns.RotationCosine, MetricColumns.ParamDistance,
        MetricColumns.HessianTrace,
        MetricColumns.Lambda2, MetricColumns.SubspaceRotation, MetricColumns.V1SubspaceRotation,
        MetricColumns.StepNorm, MetricColumns.PeriodTwoNorm, MetricColumns.StepAlongV1, MetricColumns.ClipFraction,
        MetricColumns.ValidationAccuracy, MetricColumns.PreconditionedSharpness,
        MetricColumns.SqrtVQ01, MetricColumns.SqrtVQ10, MetricColumns.SqrtVQ50, MetricColumns.SqrtVQ90, MetricColumns.SqrtVQ99,
    ];

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter writer;

    /// <param name="resumedFromStep">The step a resumed run continues from: the rows before it are kept, after checking
    /// that they are what a run writes (a run resumed from partial work that came from elsewhere must not end with
    /// rows missing or garbled); an <see cref="InvalidDataException"/> naming file and line otherwise.</param>
    /// <param name="rowEveryStep">Whether the run writes a row at every step (full-batch runs): then the kept rows must
    /// be exactly steps 0 to <paramref name="resumedFromStep"/> − 1.</param>
    public MetricsCsvWriter(string path, long? resumedFromStep, bool rowEveryStep = false)
    {
        var kept = resumedFromStep is { } step ? Kept(path, step, rowEveryStep) : [];
        writer = new StreamWriter(path, append: false, Utf8) { AutoFlush = true };
        writer.WriteLine(string.Join(',', Columns));
        foreach (var line in kept)
            writer.WriteLine(line);
    }

    private static List<string> Kept(string path, long resumedFrom, bool rowEveryStep)
    {
        if (!File.Exists(path))
        {
            if (resumedFrom == 0) return [];
            throw new InvalidDataException($"{path}: missing, though the run resumes from step {resumedFrom}");
        }
        var kept = new List<string>();
        long previous = -1;
        int number = 1;
        foreach (var line in File.ReadLines(path, Utf8).Skip(1))
        {
            number++;
            var cells = line.Split(',');
            if (!long.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out long step))
                throw new InvalidDataException($"{path}:{number}: '{Store.EntryPath.Printable(cells[0][..Math.Min(cells[0].Length, 20)])}' is not a step");
            if (step <= previous)
                throw new InvalidDataException($"{path}:{number}: step {step} after step {previous}");
            previous = step;
            if (step >= resumedFrom) continue;
            if (cells.Length < 3)
                throw new InvalidDataException($"{path}:{number}: {cells.Length} cells, a metrics row has at least 3");
            // Every run writes step 0; a full-batch run writes every step after it.
            long expected = rowEveryStep || kept.Count == 0 ? kept.Count : step;
            if (step != expected)
                throw new InvalidDataException($"{path}:{number}: a row for step {expected} was expected, not step {step}");
            kept.Add(string.Join(',', cells.Take(Columns.Length)));   // columns added after a finished run are recomputed
        }
        if (resumedFrom > 0 && kept.Count == 0)
            throw new InvalidDataException($"{path}:{number}: no rows, though the run resumes from step {resumedFrom}");
        if (rowEveryStep && kept.Count != resumedFrom)
            throw new InvalidDataException($"{path}:{number}: rows end at step {kept.Count - 1}, the run resumes from step {resumedFrom}");
        return kept;
    }

    public void Write(MetricsRow row)
    {
        writer.WriteLine(string.Join(',',
            row.Step.ToString(CultureInfo.InvariantCulture),
            Cell(row.TrainLoss), Cell(row.TrainAccuracy), Cell(row.TestAccuracy), Cell(row.Sharpness),
            Cell(row.LambdaMin), Cell(row.RotationCosine), Cell(row.ParamDistance), Cell(row.HessianTrace),
            Cell(row.Lambda2), Cell(row.SubspaceRotation), Cell(row.V1SubspaceRotation),
            Cell(row.StepNorm), Cell(row.PeriodTwoNorm), Cell(row.StepAlongV1), Cell(row.ClipFraction),
            Cell(row.ValidationAccuracy), Cell(row.PreconditionedSharpness),
            Cell(row.SqrtV?.Q01), Cell(row.SqrtV?.Q10), Cell(row.SqrtV?.Q50), Cell(row.SqrtV?.Q90), Cell(row.SqrtV?.Q99)));
    }

    public void Dispose() => writer.Dispose();

    private static string Cell(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
