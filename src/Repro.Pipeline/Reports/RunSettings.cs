using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>
/// Every run setting the reports read, in one place: the only file in <c>Reports/</c> that names run fields by string,
/// so a typed view of the resolved run replaces these lines and nothing else.
/// </summary>
public static class RunSettings
{
    extension(RunConfig config)
    {
        public double Lr => config.Number("lr");
        public int Seed => (int)config.Integer("seed");
        public string Optimizer => config.Text("optimizer");
        public double ClipBound => config.Number("clip_bound");
        public bool ClipsLowerSide => config.Text("clip_side") == "lower";
        public string Dataset => config.Text("dataset");
        public string Model => config.Text("model");
        public string Activation => config.Text("activation");
        public string Loss => config.Text("loss");
        public int Depth => (int)config.Integer("depth");
        public int Width => (int)config.Integer("width");
        public int TrainSize => (int)config.Integer("train_size");
        public int TestSize => (int)config.Integer("test_size");
        public int Steps => (int)config.Integer("steps");

        /// <summary>0 is full batch.</summary>
        public int BatchSize => (int)config.Integer("batch_size");

        /// <summary>The 2-parameter network's start (a, b).</summary>
        public IReadOnlyList<double> Init => config.Numbers("init");

        /// <summary>Whether the run reads a data set (a trainer run) rather than being the 2-parameter network.</summary>
        public bool ReadsData => config.Has("dataset");

        public bool HasSeed => config.Has("seed");
    }

    extension(RunResult run)
    {
        public RunConfig Config => run.Run.Config;
        public double Lr => run.Run.Config.Lr;
        public int Seed => run.Run.Config.Seed;
    }
}
