using TorchSharp;

namespace Repro.Core.Models;

/// <summary>
/// libtorch's global random generator, from which layer constructors draw their initial weights (they take no
/// generator of their own). Seeding it and drawing from it must be one step: a thread drawing in between (building a
/// layer, calling randn without a generator) would shift the draws, and the same seed would give other weights. Every
/// use of it in this code and its tests goes through <see cref="Seeded"/>, under one lock.
/// </summary>
public static class GlobalGenerator
{
    private static readonly Lock Gate = new();

    /// <summary>Seeds the global generator with <paramref name="seed"/> and runs <paramref name="build"/>, with no other draw in between.</summary>
    public static T Seeded<T>(long seed, Func<T> build)
    {
        lock (Gate)
        {
            torch.manual_seed(seed);
            return build();
        }
    }
}
