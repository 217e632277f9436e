using Microsoft.Data.Analysis;
using Repro.Core;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>
/// One finished run as a renderer sees it, read from its store entry: what was asked, what was measured, how it ended,
/// and the profile it was planned under (empty when not known).
/// </summary>
public sealed record FinishedRun(PlannedRun Run, DataFrame Metrics, TrainingOutcome Outcome, DateTimeOffset CreatedUtc, string Profile = "");
