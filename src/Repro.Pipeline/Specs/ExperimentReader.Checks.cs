namespace Repro.Pipeline.Specs;

/// <summary>The checks of <see cref="ExperimentReader"/> that need the whole file: renderers, run groups, run counts, limits and curvature measures.</summary>
public sealed partial class ExperimentReader
{
    /// <summary>What can only be checked once the whole file is read: renderers and their run groups, run counts, and each run's limits.</summary>
    private void CheckAtLoad(IReadOnlyList<ExperimentSpec> specs)
    {
        var spec = specs[0];
        if (checks.Renderers is { } renderers)
            foreach (var artifact in specs)
            {
                if (!renderers.TryGetValue(artifact.Renderer, out var contract))
                    throw new SpecException(file, artifact.RenderLine,
                        $"render: unknown renderer '{artifact.Renderer}' (known: {string.Join(", ", renderers.Keys)})");
                var missing = contract.Groups.Where(g => spec.Groups.All(group => group.Name != g)).ToList();
                if (missing.Count > 0)
                    throw new SpecException(file, artifact.RenderLine,
                        $"render: renderer '{artifact.Renderer}' needs the run groups {string.Join(", ", contract.Groups)}; missing: {string.Join(", ", missing)}");
                CheckMeasures(spec, artifact, contract);
            }
        foreach (var profile in spec.Profiles.Values)
        {
            long count;
            try
            {
                count = spec.CountRuns(profile.Name);
            }
            catch (OverflowException)
            {
                count = long.MaxValue;
            }
            if (count > checks.MaxRunsPerFile)
                throw new SpecException(file, profile.Line,
                    $"profiles.{profile.Name}: resolves to {count} runs, more than the limit of {checks.MaxRunsPerFile} per file (set {LoadChecks.MaxRunsVariable} to raise it)");
            foreach (var run in spec.Resolve(profile.Name))   // every profile must resolve now, not mid-build
                if (RunLimits.Problem(run.Config.Settings, checks) is var (field, reason))
                    throw new SpecException(file, run.Lines.GetValueOrDefault(field.Name, spec.Groups.First(g => g.Name == run.Group).Line),
                        $"runs.{run.Group}.{field.Name}: {reason} (profile '{profile.Name}')");
        }
    }

    /// <summary>Every run that measures curvature takes the measures the renderer reads, at every profile.</summary>
    private void CheckMeasures(ExperimentSpec spec, ExperimentSpec artifact, RendererContract contract)
    {
        foreach (var profile in spec.Profiles.Values)
            foreach (var run in spec.Resolve(profile.Name))
            {
                if (run.Config.Settings.Trainer is not { CurvatureEvery: > 0 }) continue;
                var taken = run.Config.Words(RunFields.CurvatureMeasures);
                var lacking = contract.Measures.Where(m => !taken.Contains(m)).ToList();
                if (lacking.Count > 0)
                    throw new SpecException(file, run.Lines.GetValueOrDefault(RunFields.CurvatureMeasures.Name, artifact.RenderLine),
                        $"runs.{run.Group}.curvature_measures: renderer '{artifact.Renderer}' reads {string.Join(", ", contract.Measures)}; "
                        + $"this run measures {string.Join(", ", taken)} (profile '{profile.Name}'): add {string.Join(", ", lacking)}");
            }
    }
}
