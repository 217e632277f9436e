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
        var model when RunFields.IsTrainerModel(model) && config.Text("dtype") != "float32" => $"model {model} is trained in float32 only",
        var model when RunFields.IsTrainerModel(model) && config.Text("optimizer") == "gd" && config.Integer("batch_size") != 0
            => "gd is full-batch: leave batch_size at 0, or use sgd for minibatches",
        var model when RunFields.IsTrainerModel(model) && config.Integer("batch_size") > config.Integer("train_size")
            => $"batch_size {config.Integer("batch_size")} is larger than train_size {config.Integer("train_size")}",
        _ => null,
    };
}
