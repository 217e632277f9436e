using TorchSharp;

namespace Repro.Core;

/// <summary>Process-wide libtorch settings that change numbers, pinned before any tensor work.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Bumped whenever a change to the science (models, optimizers, curvature, data handling) can change
    /// a run's numbers; it is part of every run's cache key, so such a change reruns exactly what it affects.
    /// </summary>
    public const int EngineVersion = 3;

    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static string LibTorchVersion => torch.__version__;

    /// <summary>Reductions in libtorch are split by thread, so results depend on the count: pin it.</summary>
    public static void PinThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        torch.set_num_threads(threads);
    }
}
