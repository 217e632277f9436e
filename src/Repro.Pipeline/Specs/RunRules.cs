namespace Repro.Pipeline.Specs;

/// <summary>Rules that tie fields together (what a model needs), checked for every resolved run at load.</summary>
public static class RunRules
{
    public static string? Problem(RunConfig config) => config.Text("model") switch
    {
        RunFields.DiagonalLinearNetwork when !config.Has("init") => "diagonal-linear-2 needs 'init: [a, b]'",
        RunFields.DiagonalLinearNetwork when config.Numbers("init").Count != 2 => "diagonal-linear-2 needs exactly two initial values [a, b]",
        RunFields.DiagonalLinearNetwork when config.Text("dtype") != "float64" => "diagonal-linear-2 runs in float64 only (set dtype: float64)",
        RunFields.DiagonalLinearNetwork when config.Text("optimizer") != "gd" => "diagonal-linear-2 is trained with full-batch gd only",
        _ => null,
    };
}
