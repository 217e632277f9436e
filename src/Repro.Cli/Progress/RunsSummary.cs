using System.Globalization;

namespace Repro.Cli.Progress;

/// <summary>The closing counts of a <c>repro run</c>, shared by both displays so they say the same thing.</summary>
public static class RunsSummary
{
    public static IEnumerable<(string End, int Runs, TimeSpan Wall)> Rows(IReadOnlyList<RunReport> reports) =>
        Enum.GetValues<RunEnd>().Select(end =>
        {
            var of = reports.Where(r => r.End == end).ToList();
            return (Name(end), of.Count, TimeSpan.FromTicks(of.Sum(r => r.Wall.Ticks)));
        });

    /// <summary>How a run's end reads in the summary and the log lines: "trained", …, "not started".</summary>
    public static string Name(RunEnd end) => end == RunEnd.NotStarted ? "not started" : end.ToString().ToLowerInvariant();

    public static string Duration(TimeSpan wall) =>
        wall.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)wall.TotalHours} h {wall.Minutes:D2} min")
        : wall.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{wall.Minutes} min {wall.Seconds:D2} s")
        : string.Create(CultureInfo.InvariantCulture, $"{wall.TotalSeconds:F1} s");
}
