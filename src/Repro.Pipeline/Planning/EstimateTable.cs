using System.Globalization;
using Repro.Pipeline.Planning.Costs;

namespace Repro.Pipeline.Planning;

/// <summary>
/// <c>repro plan --estimate</c>: per artifact and profile, its runs, how many are still to train, the CPU-hours they
/// take on the calibrating machine, the wall-clock hours that means on a quiet machine at the pinned thread count (from
/// perfectly parallel, CPU-hours / threads, to serial, CPU-hours), and the hours on the reference GPU, "unknown" when
/// none was measured. The total counts a run shared by two artifacts once.
/// </summary>
public static class EstimateTable
{
    public static IEnumerable<string> Lines(PlanDocument plan, CostCalibration calibration)
    {
        var c = CultureInfo.InvariantCulture;
        int threads = plan.Threads;
        string gpu = calibration.ReferenceGpu?.Name ?? "reference GPU";
        yield return $"| artifact | profile | runs | to train | CPU-hours | CPU-hours to train | wall hours, quiet machine, {threads} threads | {gpu}, hours |";
        yield return "|---|---|---:|---:|---:|---:|---:|---:|";
        foreach (var artifact in plan.Artifacts)
            yield return Row(artifact.Name, artifact.Profile, artifact.Runs);
        var distinct = plan.Artifacts.SelectMany(a => a.Runs).DistinctBy(r => r.Key).ToList();
        string profiles = string.Join(", ", plan.Artifacts.Select(a => a.Profile).Distinct());
        yield return Row("**total** (shared runs once)", profiles, distinct);
        yield return string.Format(c, "Calibrated {0} on {1} ({2} threads, TorchSharp {3}, engine {4}). Estimates charge each run its full step budget: runs that stop early (accuracy target, divergence) take less.",
                                   calibration.MeasuredUtc, calibration.Machine, calibration.Threads, calibration.TorchSharpVersion, calibration.EngineVersion);

        string Row(string name, string profile, IReadOnlyList<PlanRun> runs)
        {
            double all = runs.Sum(r => r.EstimatedSeconds ?? 0) / 3600;
            double toTrain = runs.Where(r => r.Status != "cached").Sum(r => r.EstimatedSeconds ?? 0) / 3600;
            string onGpu = calibration.ReferenceGpu is { } reference ? Hours(all / reference.SpeedupOverCalibration) : "unknown";
            return $"| {name} | {profile} | {runs.Count} | {runs.Count(r => r.Status != "cached")} | {Hours(all)} | {Hours(toTrain)} | {Hours(all / threads)}–{Hours(all)} | {onGpu} |";
        }

        string Hours(double hours) => hours >= 10 ? hours.ToString("F0", c) : hours >= 0.1 ? hours.ToString("F1", c) : hours.ToString("F3", c);
    }
}
