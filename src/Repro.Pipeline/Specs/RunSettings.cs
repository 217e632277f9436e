using Repro.Core.Curvature;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using F = Repro.Pipeline.Specs.RunFields;

namespace Repro.Pipeline.Specs;

/// <summary>
/// The typed view of a resolved run, made once from its <see cref="RunConfig"/> by the schema's fields: enumerated
/// fields as Core values (through <see cref="RunChoices"/>), counts as <c>int</c> (the schema bounds them), and
/// whether it is a trainer run or a diagonal-network run decided here, once: exactly one of <see cref="Trainer"/>
/// and <see cref="DiagonalNetwork"/> is set.
/// </summary>
public sealed class RunSettings
{
    private readonly RunConfig config;

    internal RunSettings(RunConfig config)
    {
        this.config = config;
        ModelName = config.Text(F.Model);
        Optimizer = RunChoices.Optimizers.Parse(config.Text(F.Optimizer));
        Lr = config.Number(F.Lr);
        Steps = checked((int)config.Integer(F.Steps));
        Seed = checked((int)config.Integer(F.Seed));
        DivergenceLoss = config.Number(F.DivergenceLoss);
        Precision = config.Text(F.Dtype);
        if (ModelName == RunChoices.DiagonalLinearNetwork)
            DiagonalNetwork = new DiagonalNetworkSettings(config.Has(F.Init) ? config.Numbers(F.Init) : []);
        else
            Trainer = new TrainerSettings(config);
    }

    /// <summary>The model's YAML name (<c>mlp</c>, …, <c>diagonal-linear-2</c>).</summary>
    public string ModelName { get; }
    public OptimizerKind Optimizer { get; }
    public double Lr { get; }
    public int Steps { get; }
    public int Seed { get; }
    public double DivergenceLoss { get; }
    public string Precision { get; }

    /// <summary>Set for a run of the trainer (mlp, cnn, vgg, resnet); null for the diagonal network.</summary>
    public TrainerSettings? Trainer { get; }

    /// <summary>Set for a run of the 2-parameter diagonal linear network; null for trainer runs.</summary>
    public DiagonalNetworkSettings? DiagonalNetwork { get; }

    public bool IsTrainerRun => Trainer is not null;

    /// <summary>The same run with another step budget (what a run that stopped early actually ran).</summary>
    public RunSettings WithSteps(int steps) => config.With(F.Steps, FieldValue.Integer(steps)).Settings;

    /// <summary>The trainer's spec for this run: the one translation from run fields to Core's <see cref="TrainingSpec"/>.</summary>
    public TrainingSpec TrainingSpec()
    {
        var t = Trainer ?? throw new ArgumentException($"model '{ModelName}' is not trained by the trainer");
        var optimizer = new OptimizerSpec(Optimizer, Lr, t.BatchSize is 0 ? null : t.BatchSize, t.WarmupSteps) { Hyperparameters = t.Hyperparameters };
        return new TrainingSpec(t.Dataset, t.TrainSize, t.TestSize, new ModelSpec(t.Architecture, t.Depth, t.Width, t.Activation), t.Loss,
                                optimizer, Steps, Seed)
        {
            ClassBalanced = t.ClassBalanced,
            ValidationSize = t.ValidationSize,
            CurvatureEvery = t.CurvatureEvery,
            CurvatureMeasures = t.CurvatureMeasures,
            EvaluateEvery = t.EvaluateEvery,
            MetricsEvery = t.MetricsEvery,
            CheckpointEvery = t.CheckpointEvery,
            HessianSize = t.HessianSize,
            TraceProbes = t.TraceProbes,
            HessianMode = t.HessianMode,
            Device = t.Device,
            DistanceToFinalEvery = t.DistanceToFinalEvery,
            DivergenceBound = DivergenceLoss,
            StopAtTrainAccuracy = t.StopAtTrainAccuracy,
        };
    }
}

/// <summary>The fields of a trainer run (every model but the diagonal network).</summary>
public sealed class TrainerSettings
{
    internal TrainerSettings(RunConfig config)
    {
        Architecture = RunChoices.Architectures.Parse(config.Text(F.Model));
        Dataset = config.Text(F.Dataset);
        TrainSize = Int(config, F.TrainSize);
        TestSize = Int(config, F.TestSize);
        ClassBalanced = config.Boolean(F.ClassBalanced);
        ValidationSize = config.Has(F.ValidationSize) ? Int(config, F.ValidationSize) : 0;
        Depth = Int(config, F.Depth);
        Width = Int(config, F.Width);
        Activation = RunChoices.Activations.Parse(config.Text(F.Activation));
        Loss = RunChoices.Losses.Parse(config.Text(F.Loss));
        BatchSize = Int(config, F.BatchSize);
        Hyperparameters = HyperparametersOf(config);
        WarmupSteps = Int(config, F.WarmupSteps);
        CurvatureEvery = Int(config, F.CurvatureEvery);
        CurvatureMeasures = RunChoices.MeasuresOf(config.Words(F.CurvatureMeasures));
        EvaluateEvery = Int(config, F.EvaluateEvery);
        MetricsEvery = Int(config, F.MetricsEvery);
        CheckpointEvery = Int(config, F.CheckpointEvery);
        HessianSize = Int(config, F.HessianSize);
        HessianMode = RunChoices.HessianModes.Parse(config.Text(F.HessianMode));
        Device = RunChoices.Devices.Parse(config.Text(F.Device));
        TraceProbes = Int(config, F.TraceProbes);
        DistanceToFinalEvery = Int(config, F.DistanceToFinalEvery);
        StopAtTrainAccuracy = config.Number(F.StopAtTrainAccuracy);
    }

    public Architecture Architecture { get; }
    /// <summary>The data set's YAML (and Core) name; <see cref="RunChoices.Datasets"/> gives its display name.</summary>
    public string Dataset { get; }
    public int TrainSize { get; }
    public int TestSize { get; }
    public bool ClassBalanced { get; }
    /// <summary>Images held out of the end of the training subset for validation; 0 when the run holds none out.</summary>
    public int ValidationSize { get; }
    public int Depth { get; }
    public int Width { get; }
    public Activation Activation { get; }
    public LossKind Loss { get; }
    /// <summary>0 means full batch.</summary>
    public int BatchSize { get; }
    /// <summary>Every optimizer hyperparameter of the run (<see cref="OptimizerCatalog.Hyperparameters"/>), read by descriptor.</summary>
    public HyperparameterValues Hyperparameters { get; }
    public int WarmupSteps { get; }
    public int CurvatureEvery { get; }
    public CurvatureMeasures CurvatureMeasures { get; }
    public int EvaluateEvery { get; }
    public int MetricsEvery { get; }
    public int CheckpointEvery { get; }
    public int HessianSize { get; }
    public HessianMode HessianMode { get; }
    public Core.DeviceKind Device { get; }
    public int TraceProbes { get; }
    public int DistanceToFinalEvery { get; }
    public double StopAtTrainAccuracy { get; }

    private static int Int(RunConfig config, RunField field) => checked((int)config.Integer(field));

    private static HyperparameterValues HyperparametersOf(RunConfig config) =>
        OptimizerCatalog.Hyperparameters.Aggregate(HyperparameterValues.Defaults, (values, parameter) => parameter switch
        {
            NumberHyperparameter number => values.With(number, config.Number(F.Of(number))),
            ChoiceHyperparameter choice => values.With(choice, config.Text(F.Of(choice))),
            _ => throw new NotSupportedException(parameter.GetType().Name),
        });
}

/// <summary>The fields of a run of the 2-parameter diagonal linear network L(a, b) = (ab)².</summary>
public sealed record DiagonalNetworkSettings(IReadOnlyList<double> Init);
