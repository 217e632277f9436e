using System.Diagnostics;
using System.Globalization;
using Repro.Core.Training;
using Repro.Pipeline.Planning;

namespace Repro.Cli.Progress;

/// <summary>
/// Plain lines for logs (CI, redirected output): a line when a run starts and ends, and one at most every
/// <see cref="Interval"/> (and at each tenth of the run) with step, steps/s, time left and the latest metrics.
/// </summary>
public sealed class PlainRunsDisplay(TextWriter output) : IRunsDisplay
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public TextWriter Log => output;

    public void Around(Action body) => body();

    public IRunBar Begin(int index, int count, PlanItem item) => new Bar(output, $"[{index}/{count}] {item.Run.DisplayName}", item.Run.Config.Settings.Steps);

    public void Summary(IReadOnlyList<RunReport> reports, TimeSpan wall)
    {
        output.WriteLine($"{Repro.Pipeline.Reports.Format.Plural(reports.Count, "run")} in {RunsSummary.Duration(wall)}:");
        foreach (var (end, runs, time) in RunsSummary.Rows(reports))
            output.WriteLine($"  {end,-11} {runs,3}  {RunsSummary.Duration(time)}");
        foreach (var report in reports.Where(r => r.Detail is not null))
            output.WriteLine($"  {RunsSummary.Name(report.End)}: {report.Item.Run.DisplayName}: {report.Detail}");
    }

    private sealed class Bar(TextWriter output, string name, long steps) : IRunBar
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Stopwatch sincePrinted = Stopwatch.StartNew();
        private readonly long tenth = Math.Max(1, steps / 10);
        private long? firstStep;
        private double? sharpness;

        public void Row(MetricsRow row)
        {
            firstStep ??= row.Step;
            sharpness = row.Sharpness ?? sharpness;
            if (row.Step % tenth != 0 && sincePrinted.Elapsed < Interval) return;
            sincePrinted.Restart();
            output.WriteLine($"{name}: {Describe(row, steps, firstStep.Value, clock.Elapsed, sharpness)}");
        }

        public void End(RunReport report) =>
            output.WriteLine($"{name}: {RunsSummary.Name(report.End)} in {RunsSummary.Duration(report.Wall)}{(report.Detail is null ? "" : $" ({report.Detail})")}");
    }

    /// <summary>step 300/1500 (20 %), 85 steps/s, 14 s left, loss 0.0123, λ₁ 9.87</summary>
    public static string Describe(MetricsRow row, long steps, long firstStep, TimeSpan elapsed, double? sharpness)
    {
        var c = CultureInfo.InvariantCulture;
        double rate = elapsed.TotalSeconds > 0 ? (row.Step - firstStep) / elapsed.TotalSeconds : 0;
        string left = rate > 0 ? RunsSummary.Duration(TimeSpan.FromSeconds((steps - row.Step) / rate)) + " left" : "time left unknown";
        string text = string.Create(c, $"step {row.Step}/{steps} ({100.0 * row.Step / Math.Max(1, steps):F0} %), {rate:F1} steps/s, {left}, loss {row.TrainLoss:G4}");
        return sharpness is { } lambda ? text + string.Create(c, $", λ₁ {lambda:G4}") : text;
    }
}
