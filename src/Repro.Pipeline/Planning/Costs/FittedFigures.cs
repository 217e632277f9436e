namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// The figures of a calibration that <c>repro bench calibrate</c> does not measure: fitted to a store's CPU-timed runs
/// (run start-up, curvature per measurement and per product, drawing a minibatch, a diagonal run's start-up; see
/// <see cref="CostCalibration.StoreFit"/>) or measured apart (the <c>memory</c> section). A fresh calibration has them
/// absent, which falls back to the measured figures, so writing it over the committed file would silently drop them:
/// <see cref="KeepFrom"/> carries them over from the file it replaces.
/// </summary>
public static class FittedFigures
{
    /// <summary>
    /// <paramref name="measured"/> with every figure it leaves absent taken from <paramref name="previous"/> (a model
    /// only the previous file has is kept whole), and the names of the figures carried, for the command to print.
    /// A figure the fresh measurement has is never overridden.
    /// </summary>
    public static (CostCalibration Calibration, IReadOnlyList<string> Carried) KeepFrom(CostCalibration measured, CostCalibration? previous)
    {
        if (previous is null) return (measured, []);
        var carried = new List<string>();
        T? Keep<T>(T? now, T? before, string name) where T : struct
        {
            if (now is not null || before is null) return now;
            carried.Add(name);
            return before;
        }

        var models = new Dictionary<string, ModelCost>(measured.Models);
        foreach (var (name, old) in previous.Models)
        {
            if (!models.TryGetValue(name, out var now))
            {
                models[name] = old;
                carried.Add($"models.{name}");
                continue;
            }
            models[name] = now with
            {
                RunOverheadSeconds = Keep(now.RunOverheadSeconds, old.RunOverheadSeconds, $"models.{name}.run_overhead_seconds"),
                CurvatureGradientEquivalents = Keep(now.CurvatureGradientEquivalents, old.CurvatureGradientEquivalents, $"models.{name}.curvature_gradient_equivalents"),
                CurvatureSecondsPerProduct = Keep(now.CurvatureSecondsPerProduct, old.CurvatureSecondsPerProduct, $"models.{name}.curvature_seconds_per_product"),
            };
        }
        var calibration = measured with
        {
            Models = models,
            MinibatchStepSeconds = Keep(measured.MinibatchStepSeconds, previous.MinibatchStepSeconds, "minibatch_step_seconds"),
            DiagonalRunOverheadSeconds = Keep(measured.DiagonalRunOverheadSeconds, previous.DiagonalRunOverheadSeconds, "diagonal_run_overhead_seconds"),
            StoreFit = measured.StoreFit ?? previous.StoreFit,
            Memory = measured.Memory ?? previous.Memory,
        };
        if (measured.Memory is null && previous.Memory is not null) carried.Add("memory");
        return (calibration, carried);
    }
}
