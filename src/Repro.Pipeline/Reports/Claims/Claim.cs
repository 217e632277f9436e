using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// PASS and FAIL: the check was judged on runs that meet its preconditions. INCONCLUSIVE: the runs exist but too few
/// meet them (the claim's measured line names what is missing). NOT RUN: the artifact's runs are not in the store.
/// </summary>
public enum ClaimVerdict { Pass, Fail, NotRun, Inconclusive }

/// <summary>
/// One quantitative claim of the paper as a check whose threshold was fixed before looking at the data: what the paper
/// says, the check, what we measured, and the verdict. A FAIL is a result, not a bug.
/// <see cref="Preconditions"/> says what the runs had to satisfy to be judged at all and <see cref="Excluded"/> lists
/// the runs that did not, each with its reason; <see cref="Scale"/> names the profile and scale the runs stand on.
/// </summary>
public sealed record Claim(string Artifact, string Statement, string Check, string Measured, ClaimVerdict Verdict)
{
    public string Preconditions { get; init; } = "";
    public IReadOnlyList<string> Excluded { get; init; } = [];
    public string Scale { get; init; } = "";

    /// <summary>The verdict's margin against the cross-kernel drift of what it judges (exploratory), or null where none was measured.</summary>
    public DriftCheck? Drift { get; init; }

    public static Claim Judge(string artifact, string statement, string check, string measured, bool holds) =>
        new(artifact, statement, check, measured, holds ? ClaimVerdict.Pass : ClaimVerdict.Fail);

    /// <summary>Too few runs meet the preconditions: <paramref name="missing"/> says what is lacking.</summary>
    public static Claim Inconclusive(string artifact, string statement, string check, string missing) =>
        new(artifact, statement, check, missing, ClaimVerdict.Inconclusive);

    /// <summary>The claim with its preconditions and the runs they excluded.</summary>
    public Claim On(Screening screening) => this with { Preconditions = screening.Preconditions, Excluded = screening.Excluded };

    /// <summary>The claim with its margin against the cross-kernel drift (<see cref="KernelDrift"/>).</summary>
    public Claim Against(DriftCheck? drift) => this with { Drift = drift };
}
