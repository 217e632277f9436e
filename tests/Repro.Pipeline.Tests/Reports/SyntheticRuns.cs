using Microsoft.Data.Analysis;
using Repro.Core;
using Repro.Pipeline.Frames;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports;

/// <summary>Finished runs made up for renderer tests: planned runs from a YAML snippet, metrics from arrays (NaN = not measured).</summary>
public static class SyntheticRuns
{
    public static IReadOnlyList<PlannedRun> Plan(string yaml) => ExperimentReader.Read(yaml, "test.yaml").Resolve();

    public static ExperimentSpec Spec(string yaml) => ExperimentReader.Read(yaml, "test.yaml");

    public static RunResult Finished(PlannedRun run, IReadOnlyDictionary<string, double[]> columns, bool diverged = false)
    {
        int rows = columns.Values.First().Length;
        var frame = new DataFrame(new Int32DataFrameColumn(MetricColumns.Step, Enumerable.Range(0, rows)));
        foreach (var (name, values) in columns)
            frame.Columns.Add(new DoubleDataFrameColumn(name, values.Select(v => double.IsNaN(v) ? (double?)null : v)));
        var outcome = diverged ? TrainingOutcome.DivergedAt(rows - 1) : TrainingOutcome.Completed(rows - 1);
        return new RunResult(run, frame, outcome, DateTimeOffset.UnixEpoch);
    }

    /// <summary>A results folder in the temp directory that deletes itself.</summary>
    public sealed class TempResults : IDisposable
    {
        public ResultsFolder Folder { get; } = new(Path.Combine(Path.GetTempPath(), "repro-results-" + Guid.NewGuid().ToString("N")));

        public bool Wrote(string relative) => File.Exists(Path.Combine(Folder.Root, relative)) && new FileInfo(Path.Combine(Folder.Root, relative)).Length > 0;

        public void Dispose()
        {
            if (Directory.Exists(Folder.Root)) Directory.Delete(Folder.Root, recursive: true);
        }
    }
}
