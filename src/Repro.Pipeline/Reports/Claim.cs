namespace Repro.Pipeline.Reports;

public enum ClaimVerdict { Pass, Fail, NotRun }

/// <summary>
/// One quantitative claim of the paper as a check whose threshold was fixed before looking at the data:
/// what the paper says, the check, what we measured, and the verdict. A FAIL is a result, not a bug.
/// </summary>
public sealed record Claim(string Artifact, string Statement, string Check, string Measured, ClaimVerdict Verdict)
{
    public static Claim Judge(string artifact, string statement, string check, string measured, bool holds) =>
        new(artifact, statement, check, measured, holds ? ClaimVerdict.Pass : ClaimVerdict.Fail);
}
