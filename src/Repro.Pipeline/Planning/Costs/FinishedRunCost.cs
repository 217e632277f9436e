using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// What one finished run of the store cost: its settings, the steps it ran (a run that reached its accuracy target or
/// diverged stopped before its budget), its seconds, CPU time where the manifest records it, else wall time, and its
/// peak resident memory and what was resident as it began where the manifest records them (<see cref="Store.PeakMemory"/>).
/// </summary>
/// (A run resumed from a checkpoint records only its last attempt's seconds: the manifest does not say so, so such a
/// run shows as cheaper than its estimate.)
public sealed record FinishedRunCost(string Key, RunSettings Run, int StepsRun, double Seconds, bool IsCpuTime, long? PeakRssBytes = null, long? StartRssBytes = null)
{
    /// <summary>The run as it ran: its step budget cut to the steps it took, so that the estimate charges only those.</summary>
    public RunSettings AsRun() => StepsRun == Run.Steps ? Run : Run.WithSteps(Math.Max(1, StepsRun));
}
