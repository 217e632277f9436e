using System.Globalization;
using System.Text;
using Repro.Core.Training;
using Repro.Pipeline.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Repro.Cli.Progress;

/// <summary>A live Spectre.Console display on a terminal: one bar per run with percentage, steps/s and time left.</summary>
public sealed class TerminalRunsDisplay : IRunsDisplay
{
    private ProgressContext? context;

    public TextWriter Log { get; } = new LineWriter(line => AnsiConsole.WriteLine(line));

    public void Around(Action body) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new StepsPerSecondColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                context = progress;
                body();
            });

    public IRunBar Begin(int index, int count, PlanItem item)
    {
        var name = $"[{index}/{count}] {item.Run.DisplayName}";
        var task = context!.AddTask(Markup.Escape(name), maxValue: Math.Max(1, item.Run.Config.Settings.Steps));
        return new Bar(task, name);
    }

    public void Summary(IReadOnlyList<RunReport> reports, TimeSpan wall)
    {
        var table = new Table().Title($"{Repro.Pipeline.Reports.Format.Plural(reports.Count, "run")} in {RunsSummary.Duration(wall)}")
            .AddColumn("run end").AddColumn(new TableColumn("runs").RightAligned()).AddColumn(new TableColumn("wall time").RightAligned());
        foreach (var (end, runs, time) in RunsSummary.Rows(reports))
            table.AddRow(end, runs.ToString(CultureInfo.InvariantCulture), RunsSummary.Duration(time));
        AnsiConsole.Write(table);
        foreach (var report in reports.Where(r => r.Detail is not null))
            AnsiConsole.WriteLine($"{RunsSummary.Name(report.End)}: {report.Item.Run.DisplayName}: {report.Detail}");
    }

    private sealed class Bar(ProgressTask task, string name) : IRunBar
    {
        public void Row(MetricsRow row) => task.Value = row.Step;

        public void End(RunReport report)
        {
            if (report.End is RunEnd.Trained or RunEnd.Cached or RunEnd.Diverged) task.Value = task.MaxValue;
            task.Description = Markup.Escape($"{name}: {RunsSummary.Name(report.End)}");
            task.StopTask();
        }
    }

    /// <summary>Steps per second, from Spectre's own rate over recent updates.</summary>
    private sealed class StepsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:F1} steps/s") : "", Style.Plain);
    }

    /// <summary>Hands complete lines to a callback (Spectre prints them above the live bars).</summary>
    private sealed class LineWriter(Action<string> writeLine) : TextWriter
    {
        private readonly StringBuilder pending = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                writeLine(pending.ToString().TrimEnd('\r'));
                pending.Clear();
            }
            else
            {
                pending.Append(value);
            }
        }
    }
}
