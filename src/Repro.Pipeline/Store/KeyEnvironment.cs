namespace Repro.Pipeline.Store;

/// <summary>
/// What besides a run's config changes its numbers. Machine paths never enter it, so entries made on
/// different machines with the same versions and thread count are interchangeable.
/// </summary>
public sealed record KeyEnvironment(int EngineVersion, string TorchSharpVersion, string LibTorchVersion, int Threads)
{
    /// <summary>Bumped when the layout of a store entry changes.</summary>
    public const int StoreSchemaVersion = 1;
}
