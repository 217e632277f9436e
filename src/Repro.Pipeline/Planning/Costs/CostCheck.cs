using System.Globalization;
using Repro.Core.Optimizers;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>How far the cost model's estimates of one kind of run were from what the runs took: measured / estimated.</summary>
/// <param name="Basis">"cpu" when the spread is over runs that recorded their CPU time (the model estimates CPU seconds,
/// so only these judge it); "wall" when no run of the kind did (trained before CPU time was recorded): the spread is then
/// over wall time, shown but not judged, since wall time mixes in the threads' parallelism and whatever else ran.</param>
/// <param name="WallOnly">Runs of the kind that recorded only wall time, left out of a "cpu" spread.</param>
/// <param name="TooShort">Runs left out of the spread: measured and estimated both under <see cref="CostCheck.TooShortSeconds"/>,
/// where a millisecond of noise (a collection, a file write) is a factor of 2.</param>
public sealed record KindSpread(string Kind, int Runs, string Basis, double Lowest, double Median, double Highest, int WallOnly, int TooShort = 0)
{
    public bool Judged => Basis == "cpu" && Runs > 0;

    /// <summary>Every judged run within <paramref name="factor"/> of its estimate; an unjudged kind is not outside.</summary>
    public bool Within(double factor) => !Judged || (Lowest >= 1 / factor && Highest <= factor);
}

/// <summary>
/// <c>repro status --costs</c>: the cost model (<see cref="CostModel"/>) against the store's finished runs, per kind of
/// run (model, optimizer, full batch or minibatch, curvature never / every k steps / every step), each run charged the
/// steps it ran.
/// </summary>
public static class CostCheck
{
    public const double Tolerance = 1.5;

    /// <summary>Runs shorter than this, measured and estimated, are too short to time (see <see cref="KindSpread.TooShort"/>).</summary>
    public const double TooShortSeconds = 0.05;

    /// <summary>The kind of a run, as the cost model sees it: what its seconds are made of.</summary>
    public static string KindOf(RunSettings run)
    {
        if (run.Trainer is not { } t) return run.ModelName;
        string optimizer = RunChoices.Optimizers.NameOf(run.Optimizer) + (t.BatchSize > 0 && run.Optimizer != OptimizerKind.Sgd ? " minibatch" : "");
        string curvature = t.CurvatureEvery switch
        {
            0 => "no curvature",
            1 => "curvature every step",
            _ => "curvature every k",
        };
        return $"{run.ModelName} {optimizer}, {curvature}";
    }

    public static IReadOnlyList<KindSpread> Spreads(IEnumerable<FinishedRunCost> runs, CostModel model) =>
        runs.Select(r => (Run: r, Estimate: model.EstimateSeconds(r.AsRun())))
            .GroupBy(r => KindOf(r.Run.Run))
            .Select(kind =>
            {
                var timed = kind.Where(r => r.Run.Seconds >= TooShortSeconds || r.Estimate >= TooShortSeconds).ToList();
                int tooShort = kind.Count() - timed.Count;
                var cpu = timed.Where(r => r.Run.IsCpuTime).ToList();
                var basis = cpu.Count > 0 ? cpu : timed;
                if (basis.Count == 0) return new KindSpread(kind.Key, 0, "-", double.NaN, double.NaN, double.NaN, 0, tooShort);
                var ratios = basis.Select(r => r.Run.Seconds / r.Estimate).Order().ToArray();
                return new KindSpread(kind.Key, ratios.Length, cpu.Count > 0 ? "cpu" : "wall", ratios[0], Median(ratios), ratios[^1],
                                      timed.Count - cpu.Count, tooShort);
            })
            .OrderBy(s => s.Kind, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The table `repro status --costs` prints, and a last line saying whether every judged kind (one with CPU-timed runs)
    /// is within the tolerance, and how many kinds could not be judged.
    /// </summary>
    public static IEnumerable<string> Lines(IReadOnlyList<KindSpread> spreads)
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"{"kind of run",-44} {"runs",5} {"basis",6} {"lowest",7} {"median",7} {"highest",7}  measured / estimated");
        foreach (var s in spreads)
        {
            string flags = (s.Judged ? s.Within(Tolerance) ? "" : $"  outside {Tolerance}×" : "  not judged: wall time only")
                           + (s.Judged && s.WallOnly > 0 ? $"  (+{s.WallOnly} timed by wall clock only, not judged)" : "")
                           + (s.TooShort > 0 ? $"  (+{s.TooShort} under {TooShortSeconds} s, too short to time)" : "");
            yield return string.Create(c, $"{s.Kind,-44} {s.Runs,5} {s.Basis,6} {s.Lowest,7:F2} {s.Median,7:F2} {s.Highest,7:F2}{flags}");
        }
        int judged = spreads.Count(s => s.Judged), outside = spreads.Count(s => !s.Within(Tolerance));
        int notJudged = spreads.Count - judged;
        string unjudged = notJudged == 0 ? "" : $"; {notJudged} {(notJudged == 1 ? "kind" : "kinds")} not judged (no run recorded its CPU time)";
        yield return (outside == 0
            ? $"every judged kind ({judged}) within {Tolerance}× of its estimate in CPU time"
            : $"{outside} of {judged} judged kinds outside {Tolerance}× of their estimates in CPU time") + unjudged;
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
