using Repro.Pipeline.Planning;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Never downgrade what the results folder holds: its records are committed, and a clone's store usually holds only the
/// quick runs, so drawing from it would replace paper-profile figures, tables and claims with quick ones that a user
/// might commit without noticing. A render keeps the record when any run group would come from a less complete profile
/// (<see cref="ProfileChoice.Preference"/>) than the record's, or from none; <c>--profile</c> or
/// <c>--replace-committed</c> draws anyway.
/// </summary>
public static class CommittedProfiles
{
    /// <summary>
    /// Why the record must be kept ("paper, this store has quick"; per group when they differ: "mlp at paper, this store has
    /// quick; …"), or null when drawing loses nothing.
    /// </summary>
    public static string? KeepReason(RenderRecord committed, ExperimentSpec spec, IReadOnlyList<GroupChoice> choices)
    {
        var ordered = ProfileChoice.Ordered(spec);
        int Rank(string? profile) => profile is null ? int.MaxValue : ordered.Contains(profile) ? ordered.ToList().IndexOf(profile) : int.MaxValue - 1;
        var was = Of(committed, spec);
        var worse = choices.Where(c => was.TryGetValue(c.Group, out string? p) && Rank(c.Profile) > Rank(p)).ToList();
        if (worse.Count == 0) return null;
        static string Has(GroupChoice c) => c.Profile is null ? "none of its runs" : c.Profile;
        // Every group alike (the usual case: paper results, a quick or empty store) is said once.
        return worse.Count == was.Count && worse.Select(c => (was[c.Group], Has(c))).Distinct().Count() == 1
            ? $"{was[worse[0].Group]}, this store has {Has(worse[0])}"
            : string.Join("; ", worse.Select(c => $"{c.Group} at {was[c.Group]}, this store has {Has(c)}"));
    }

    /// <summary>
    /// The profile each run group of the record stands on. Records written before <see cref="RenderRecord.GroupProfiles"/>
    /// say it in their scale: "mlp: paper profile, …; vgg: quick profile, …", or one line "paper profile, …" when every
    /// group stands on the same, and "NOT RUN: a, b" for groups left out. A scale that says neither counts as the most
    /// complete profile the record names, so an unreadable record is kept rather than downgraded.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Of(RenderRecord record, ExperimentSpec spec)
    {
        if (record.GroupProfiles.Count > 0) return record.GroupProfiles;
        var ordered = ProfileChoice.Ordered(spec);
        string fallback = ordered.FirstOrDefault(p => record.Profile.Split(" + ").Contains(p)) ?? record.Profile;
        var segments = record.Scale.Split("; ");
        var notRun = segments.FirstOrDefault(s => s.StartsWith("NOT RUN: ", StringComparison.Ordinal))?["NOT RUN: ".Length..].Split(", ") ?? [];
        var profiles = new Dictionary<string, string>();
        foreach (string group in spec.Groups.Select(g => g.Name).Where(g => !notRun.Contains(g)))
        {
            string line = segments.FirstOrDefault(s => s.StartsWith(group + ": ", StringComparison.Ordinal)) is { } own ? own[(group.Length + 2)..] : segments[0];
            profiles[group] = ordered.FirstOrDefault(p => line.StartsWith(p + " profile", StringComparison.Ordinal)) ?? fallback;
        }
        return profiles;
    }
}
