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
    ];

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter writer;

    public MetricsCsvWriter(string path, long? resumedFromStep)
    {
        var kept = resumedFromStep is { } step && File.Exists(path)
            ? File.ReadLines(path, Utf8).Skip(1)
                .Select(line => line.Split(','))
                .Where(cells => long.Parse(cells[0], CultureInfo.InvariantCulture) < step)
                .Select(cells => string.Join(',', cells.Take(Columns.Length)))   // columns added after a finished run are recomputed
                .ToList()
            : [];
        writer = new StreamWriter(path, append: false, Utf8) { AutoFlush = true };
        writer.WriteLine(string.Join(',', Columns));
        foreach (var line in kept)
            writer.WriteLine(line);
    }

    public void Write(MetricsRow row)
    {
        writer.WriteLine(string.Join(',',
            row.Step.ToString(CultureInfo.InvariantCulture),
            Cell(row.TrainLoss), Cell(row.TrainAccuracy), Cell(row.TestAccuracy), Cell(row.Sharpness),
            Cell(row.LambdaMin), Cell(row.RotationCosine), Cell(row.ParamDistance), Cell(row.HessianTrace),
            Cell(row.Lambda2), Cell(row.SubspaceRotation), Cell(row.V1SubspaceRotation),
            Cell(row.StepNorm), Cell(row.PeriodTwoNorm), Cell(row.StepAlongV1), Cell(row.ClipFraction)));
    }

    public void Dispose() => writer.Dispose();

    private static string Cell(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
