using System.Globalization;
using Repro.Pipeline.Runs;

namespace Repro.Pipeline.Store;

/// <summary>The largest relative difference |a − b| / max(|a|, |b|) over one metrics column's rows.</summary>
public sealed record ColumnDifference(string Column, double LargestRelative, int RowsCompared);

/// <summary>
/// How two entries of one key differ: which files' hashes differ and, for <c>metrics.csv</c>, the largest relative
/// difference per column. What <c>repro reproduce</c> reports: the same run on another instruction set or machine
/// differs in the last digits, and this says by how much.
/// </summary>
public sealed record EntryComparison(IReadOnlyList<string> DifferingFiles, IReadOnlyList<ColumnDifference> Columns, string? RowCountNote)
{
    public bool Identical => DifferingFiles.Count == 0;

    public static EntryComparison Of(StoreEntry cached, StoreEntry fresh)
    {
        var differing = cached.Manifest.Files.Keys.Union(fresh.Manifest.Files.Keys).Order(StringComparer.Ordinal)
            .Where(f => cached.Manifest.Files.GetValueOrDefault(f) != fresh.Manifest.Files.GetValueOrDefault(f))
            .ToList();
        if (!differing.Contains(RunFiles.Metrics)) return new EntryComparison(differing, [], null);
        var (columns, note) = CompareMetrics(File.ReadAllLines(cached.PathOf(RunFiles.Metrics)),
                                             File.ReadAllLines(fresh.PathOf(RunFiles.Metrics)));
        return new EntryComparison(differing, columns, note);
    }

    /// <summary>Column by column (matched by header name) over the rows both files have.</summary>
    public static (IReadOnlyList<ColumnDifference> Columns, string? RowCountNote) CompareMetrics(string[] cached, string[] fresh)
    {
        var left = cached[0].Split(',');
        var right = fresh[0].Split(',');
        int rows = Math.Min(cached.Length, fresh.Length) - 1;
        var columns = new List<ColumnDifference>();
        foreach (var name in left.Intersect(right))
        {
            int a = Array.IndexOf(left, name), b = Array.IndexOf(right, name);
            double largest = 0;
            for (int row = 1; row <= rows; row++)
                largest = Math.Max(largest, Relative(Cell(cached[row], a), Cell(fresh[row], b)));
            columns.Add(new ColumnDifference(name, largest, rows));
        }
        string? note = cached.Length == fresh.Length ? null : $"the cached metrics have {cached.Length - 1} rows, the new ones {fresh.Length - 1}";
        var onlyOne = left.Except(right).Concat(right.Except(left)).ToList();
        if (onlyOne.Count > 0) note = (note is null ? "" : note + "; ") + $"columns in one file only: {string.Join(", ", onlyOne)}";
        return (columns, note);
    }

    private static double? Cell(string line, int index)
    {
        var cells = line.Split(',');
        return index < cells.Length && double.TryParse(cells[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;
    }

    /// <summary>0 for equal values (NaN with NaN, empty with empty); infinity when only one side has a finite value.</summary>
    private static double Relative(double? a, double? b)
    {
        if (a is null || b is null) return a is null && b is null ? 0 : double.PositiveInfinity;
        if (a.Value.Equals(b.Value)) return 0;
        if (!double.IsFinite(a.Value) || !double.IsFinite(b.Value)) return double.PositiveInfinity;
        return Math.Abs(a.Value - b.Value) / Math.Max(Math.Abs(a.Value), Math.Abs(b.Value));
    }
}
