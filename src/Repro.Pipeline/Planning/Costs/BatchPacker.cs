namespace Repro.Pipeline.Planning.Costs;

/// <summary>Deals runs into batches (one batch is one CI job) by their estimated seconds.</summary>
public static class BatchPacker
{
    /// <summary>
    /// Without a budget: longest first, each into the least-loaded of min(maxJobs, runs) batches, so the jobs end
    /// together. With a budget: first-fit decreasing, longest first into the first batch it fits under the budget,
    /// opening a new batch while fewer than <paramref name="maxJobs"/> exist; a run longer than the budget gets a
    /// batch of its own (the time budget carries it across jobs); when the jobs are all open and nothing fits, the
    /// least-loaded batch takes it. Ties keep the given order, so the same plan packs the same way.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Pack(IReadOnlyList<(string Key, double Seconds)> runs, int maxJobs, double? budgetSeconds)
    {
        if (maxJobs < 1) throw new ArgumentException($"--max-jobs must be at least 1, got {maxJobs}");
        if (budgetSeconds is <= 0) throw new ArgumentException($"--job-budget must be positive, got {budgetSeconds}");
        var longestFirst = runs.Select((run, index) => (run, index))
            .OrderByDescending(r => r.run.Seconds).ThenBy(r => r.index).Select(r => r.run).ToList();
        var batches = new List<(List<string> Keys, double Seconds)>();
        if (budgetSeconds is null)
            for (int i = 0; i < Math.Min(maxJobs, runs.Count); i++) batches.Add(([], 0));
        foreach (var (key, seconds) in longestFirst)
        {
            int chosen = budgetSeconds is { } budget ? batches.FindIndex(b => b.Seconds + seconds <= budget) : -1;
            if (chosen < 0 && budgetSeconds is not null && batches.Count < maxJobs)
            {
                batches.Add(([], 0));
                chosen = batches.Count - 1;
            }
            if (chosen < 0)
                chosen = batches.Select((b, i) => (b.Seconds, i)).Min().i;
            batches[chosen] = (batches[chosen].Keys, batches[chosen].Seconds + seconds);
            batches[chosen].Keys.Add(key);
        }
        return batches.Select(b => (IReadOnlyList<string>)b.Keys).ToList();
    }
}
