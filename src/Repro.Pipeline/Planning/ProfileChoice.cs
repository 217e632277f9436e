using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning;

/// <summary>The profile one run group is rendered at, with its planned runs; <see cref="Profile"/> null: no profile has them all cached (NOT RUN).</summary>
public sealed record GroupChoice(string Group, string? Profile, IReadOnlyList<PlanItem> Items);

/// <summary>
/// Best available profile, per run group: the most complete profile (paper, else cpu-scale, else quick, else any other declared one)
/// whose runs of that group are all in the store. A group renders at the paper's settings as soon as they are cached,
/// while a group whose paper runs are too costly for this machine stays at quick, and says so.
/// </summary>
public static class ProfileChoice
{
    /// <summary>
    /// Most complete first: the paper's settings, then <c>cpu-scale</c> (the CIFAR-10 nets at a scale a 2-core machine
    /// finishes in hours, where a file declares it), then the minutes-long smoke test.
    /// </summary>
    public static readonly IReadOnlyList<string> Preference = ["paper", "cpu-scale", "quick"];

    public static IReadOnlyList<string> Ordered(ExperimentSpec spec) =>
        [.. Preference.Where(spec.Profiles.ContainsKey), .. spec.Profiles.Keys.Where(p => !Preference.Contains(p)).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<GroupChoice> Best(Planner planner, ExperimentSpec spec) =>
        spec.Groups.Select(group =>
        {
            foreach (string profile in Ordered(spec))
            {
                var items = planner.PlanGroup(spec, group.Name, profile);
                if (items.Count > 0 && items.All(i => i.Status == RunStatus.Cached)) return new GroupChoice(group.Name, profile, items);
            }
            return new GroupChoice(group.Name, null, []);
        }).ToList();
}
