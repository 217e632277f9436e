using Repro.Core.Curvature;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Runs;

/// <summary>The one translation from run fields (YAML or <c>repro train</c> flags) to the trainer's <see cref="TrainingSpec"/>.</summary>
public static class TrainingSpecs
{
    public static TrainingSpec From(RunConfig config)
    {
        var optimizer = new OptimizerSpec(
            Kind: config.Text("optimizer") switch
            {
                "gd" => OptimizerKind.Gd,
                "sgd" => OptimizerKind.Sgd,
                "rms-prop" => OptimizerKind.RmsProp,
                "adam" => OptimizerKind.Adam,
                "clipped-ada" => OptimizerKind.ClippedAda,
                var other => throw new ArgumentException($"unknown optimizer '{other}'"),
            },
            LearningRate: config.Number("lr"),
            BatchSize: config.Integer("batch_size") is 0 ? null : Int(config, "batch_size"),
            Momentum: config.Number("momentum"),
            Beta1: config.Number("beta1"),
            Beta2: config.Number("beta2"),
            Alpha: config.Number("alpha"),
            Epsilon: config.Number("epsilon"),
            ClipBound: config.Number("clip_bound"),
            ClipSide: config.Text("clip_side") == "lower" ? ClipSide.Lower : ClipSide.Upper,
            WarmupSteps: Int(config, "warmup_steps"));
        var model = new ModelSpec(
            config.Text("model") switch
            {
                "mlp" => Architecture.Mlp,
                "cnn" => Architecture.Cnn,
                "vgg" => Architecture.Vgg,
                "resnet" => Architecture.ResNet,
                var other => throw new ArgumentException($"model '{other}' is not trained by the trainer"),
            },
            Int(config, "depth"), Int(config, "width"),
            config.Text("activation") == "tanh" ? Activation.Tanh : Activation.Relu);
        return new TrainingSpec(config.Text("dataset"), Int(config, "train_size"), Int(config, "test_size"), model,
                                config.Text("loss") == "cross-entropy" ? LossKind.CrossEntropy : LossKind.MeanSquaredError,
                                optimizer, Int(config, "steps"), Int(config, "seed"))
        {
            ClassBalanced = config.Boolean("class_balanced"),
            CurvatureEvery = Int(config, "curvature_every"),
            EvaluateEvery = Int(config, "evaluate_every"),
            MetricsEvery = Int(config, "metrics_every"),
            CheckpointEvery = Int(config, "checkpoint_every"),
            HessianSize = Int(config, "hessian_size"),
            TraceProbes = Int(config, "trace_probes"),
            HessianMode = config.Text("hessian_mode") == "train" ? HessianMode.Train : HessianMode.Eval,
            DistanceToFinalEvery = Int(config, "distance_to_final_every"),
            DivergenceBound = config.Number("divergence_loss"),
            StopAtTrainAccuracy = config.Number("stop_at_train_accuracy"),
        };
    }

    private static int Int(RunConfig config, string name) => checked((int)config.Integer(name));
}
