using System.Globalization;
using Repro.Core.Optimizers;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>How far the cost model's estimates of one kind of run were from what the runs took: measured / estimated.</summary>
/// <param name="Basis">"cpu" when every run recorded its CPU time, "wall" when none did, "mixed" otherwise.</param>
/// <param name="Loaded">Runs whose wall time is over 1.5× the estimate (CPU seconds, which wall time on a quiet machine
/// stays below): most likely trained beside other work, so their wall time says little about the model.</param>
/// <param name="TooShort">Runs left out of the spread: measured and estimated both under <see cref="CostCheck.TooShortSeconds"/>,
/// where a millisecond of noise (a collection, a file write) is a factor of 2.</param>
public sealed record KindSpread(string Kind, int Runs, string Basis, double Lowest, double Median, double Highest, int Loaded, int TooShort = 0)
{
    public bool Within(double factor) => Runs == 0 || (Lowest >= 1 / factor && Highest <= factor);
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
                if (timed.Count == 0) return new KindSpread(kind.Key, 0, "-", double.NaN, double.NaN, double.NaN, 0, kind.Count());
                var ratios = timed.Select(r => r.Run.Seconds / r.Estimate).Order().ToArray();
                int cpu = timed.Count(r => r.Run.IsCpuTime);
                string basis = cpu == ratios.Length ? "cpu" : cpu == 0 ? "wall" : "mixed";
                int loaded = timed.Count(r => !r.Run.IsCpuTime && r.Run.Seconds / r.Estimate > Tolerance);
                return new KindSpread(kind.Key, ratios.Length, basis, ratios[0], Median(ratios), ratios[^1], loaded, kind.Count() - timed.Count);
            })
            .OrderBy(s => s.Kind, StringComparer.Ordinal)
            .ToList();

    /// <summary>The table `repro status --costs` prints, and a last line saying whether every kind is within the tolerance.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<KindSpread> spreads)
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"{"kind of run",-44} {"runs",5} {"basis",6} {"lowest",7} {"median",7} {"highest",7}  measured / estimated");
        foreach (var s in spreads)
        {
            string flags = (s.Within(Tolerance) ? "" : $"  outside {Tolerance}×")
                           + (s.Loaded > 0 ? $"  ({s.Loaded} over {Tolerance}× in wall time: trained under load?)" : "")
                           + (s.TooShort > 0 ? $"  (+{s.TooShort} under {TooShortSeconds} s, too short to time)" : "");
            yield return string.Create(c, $"{s.Kind,-44} {s.Runs,5} {s.Basis,6} {s.Lowest,7:F2} {s.Median,7:F2} {s.Highest,7:F2}{flags}");
        }
        int outside = spreads.Count(s => !s.Within(Tolerance));
        yield return outside == 0
            ? $"every kind within {Tolerance}× of its estimate"
            : $"{outside} of {spreads.Count} kinds outside {Tolerance}× of their estimates";
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
