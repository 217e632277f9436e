namespace Repro.Pipeline.Reports;

/// <summary>
/// The profile and scale a set of runs stands on, as every figure, table, gallery entry and claims row states it:
/// "paper profile, 1,000 images, 10,000 steps, 5 seeds". Each run group may come from its own profile.
/// </summary>
public static class Scale
{
    /// <summary>One line for runs of one group (or of groups at the same scale).</summary>
    public static string Of(IReadOnlyList<FinishedRun> runs)
    {
        if (runs.Count == 0) return "NOT RUN";
        var parts = new List<string> { Distinct(runs, r => r.Profile.Length > 0 ? $"{r.Profile} profile" : "profile not recorded") };
        if (runs.All(r => r.Config.ReadsData))
            parts.Add(Distinct(runs, r => $"{Format.Count(r.Config.TrainSize)} images"));
        parts.Add(Distinct(runs, r => $"{Format.Count(r.Config.Steps)} steps"));
        if (runs.All(r => r.Config.HasSeed))
        {
            int seeds = runs.Select(r => r.Seed).Distinct().Count();
            parts.Add(seeds == 1 ? "1 seed" : $"{seeds} seeds");
        }
        return string.Join(", ", parts);
    }

    /// <summary>Per run group ("mlp: paper profile, …; vgg: quick profile, …"), or one line when every group stands on the same.</summary>
    public static string PerGroup(IReadOnlyList<FinishedRun> runs)
    {
        var groups = Series.ByGroup(runs).Select(g => (g.Key, Line: Of([.. g]))).ToList();
        return groups.Select(g => g.Line).Distinct().Count() <= 1 ? Of(runs) : string.Join("; ", groups.Select(g => $"{g.Key}: {g.Line}"));
    }

    private static string Distinct(IReadOnlyList<FinishedRun> runs, Func<FinishedRun, string> part) =>
        string.Join(" / ", runs.Select(part).Distinct());
}
