using Repro.Core.Optimizers;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>
/// The run settings the reports read, as members of the run: short names over the typed view
/// (<see cref="RunConfig.Settings"/>), so no report names a run field by string. Trainer-only settings of a
/// diagonal-network run throw: a renderer that reads them has the wrong runs.
/// </summary>
public static class ReportSettings
{
    extension(RunConfig config)
    {
        public double Lr => config.Settings.Lr;
        public int Seed => config.Settings.Seed;
        public OptimizerKind Optimizer => config.Settings.Optimizer;
        public double ClipBound => Trainer(config).Hyperparameters[OptimizerCatalog.ClipBound];
        public bool ClipsLowerSide => Trainer(config).Hyperparameters.ValueOf(OptimizerCatalog.ClipSideChoice) == ClipSide.Lower;
        /// <summary>The data set's YAML name (DisplayNames.Dataset gives what figures print).</summary>
        public string Dataset => Trainer(config).Dataset;
        public int Depth => Trainer(config).Depth;
        public int Width => Trainer(config).Width;
        public int TrainSize => Trainer(config).TrainSize;
        public int TestSize => Trainer(config).TestSize;
        public int Steps => config.Settings.Steps;

        /// <summary>0 is full batch.</summary>
        public int BatchSize => Trainer(config).BatchSize;

        /// <summary>The 2-parameter network's start (a, b).</summary>
        public IReadOnlyList<double> Init =>
            config.Settings.DiagonalNetwork?.Init ?? throw new InvalidOperationException($"model {config.Settings.ModelName} has no init");

        /// <summary>Whether the run reads a data set (a trainer run) rather than being the 2-parameter network.</summary>
        public bool ReadsData => config.Settings.IsTrainerRun;

        public bool HasSeed => config.Has(RunFields.Seed);
    }

    extension(FinishedRun run)
    {
        public RunConfig Config => run.Run.Config;
        public double Lr => run.Run.Config.Lr;
        public int Seed => run.Run.Config.Seed;
    }

    private static TrainerSettings Trainer(RunConfig config) =>
        config.Settings.Trainer ?? throw new InvalidOperationException($"model {config.Settings.ModelName} is not a trainer run");
}
