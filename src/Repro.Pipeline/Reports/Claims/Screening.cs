namespace Repro.Pipeline.Reports.Claims;

/// <summary>The runs that meet a claim's preconditions, and the others, each named with its reason.</summary>
public sealed record Screening(IReadOnlyList<FinishedRun> Qualifying, IReadOnlyList<string> Excluded, string Preconditions)
{
    /// <summary>Keeps the runs that meet every requirement; <paramref name="counts"/> states the claim's minimum numbers (seeds, η).</summary>
    public static Screening Of(IEnumerable<FinishedRun> runs, IReadOnlyList<RunRequirement> requirements, string counts)
    {
        var qualifying = new List<FinishedRun>();
        var excluded = new List<string>();
        foreach (var run in runs)
        {
            var reasons = requirements.Select(r => r.Violation(run)).OfType<string>().ToList();
            if (reasons.Count == 0) qualifying.Add(run);
            else excluded.Add($"{DisplayNames.Run(run)}: {string.Join("; ", reasons)}");
        }
        string preconditions = string.Join("; ", requirements.Select(r => r.Description).Append(counts).Where(s => s.Length > 0));
        return new Screening(qualifying, excluded, preconditions);
    }

    /// <summary>The distinct seeds among the qualifying runs.</summary>
    public int Seeds => Qualifying.Select(r => r.Seed).Distinct().Count();

    /// <summary>"(1 seed: no seed-level uncertainty)" or "(5 seeds)", for a measured line.</summary>
    public static string SeedNote(int seeds) => seeds == 1 ? "(1 seed: a single run per setting, no seed-level uncertainty)" : $"({seeds} seeds)";
}
