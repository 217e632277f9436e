using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace Repro.Pipeline.Metrics;

/// <summary>
/// Reads and writes metric frames as CSV: UTF-8 without BOM, comma-separated, invariant culture,
/// column types given explicitly from <see cref="MetricColumns"/>, never guessed from the data.
/// </summary>
public static class MetricsCsv
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Save(DataFrame frame, string path) =>
        DataFrame.SaveCsv(frame, path, ',', header: true, Utf8, CultureInfo.InvariantCulture);

    public static DataFrame Load(string path)
    {
        string header = File.ReadLines(path, Utf8).FirstOrDefault()
                        ?? throw new InvalidDataException($"{path}: empty metrics file (no header)");
        var names = header.Split(',');
        var types = names.Select(MetricColumns.TypeOf).ToArray();
        // Opened for reading only: LoadCsv(path) asks for write access too, which a read-only store refuses.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return DataFrame.LoadCsv(stream, ',', header: true, columnNames: null, dataTypes: types,
                                 encoding: Utf8, cultureInfo: CultureInfo.InvariantCulture);
    }

    /// <summary>A column's values as doubles, NaN where the cell was empty.</summary>
    public static double[] Doubles(DataFrame frame, string column) =>
        frame.Columns[column] switch
        {
            PrimitiveDataFrameColumn<double> d => d.Select(v => v ?? double.NaN).ToArray(),
            PrimitiveDataFrameColumn<int> i => i.Select(v => v is null ? double.NaN : (double)v.Value).ToArray(),
            var other => throw new InvalidDataException($"column '{column}' has type {other.DataType.Name}, expected a number"),
        };
}
