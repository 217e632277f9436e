namespace Repro.Pipeline.Store;

/// <summary>
/// What besides a run's config changes its numbers. Machine paths never enter it, so entries made on
/// different machines with the same versions and thread count are interchangeable.
/// </summary>
public sealed record KeyEnvironment(int EngineVersion, string TorchSharpVersion, string LibTorchVersion, int Threads)
{
    /// <summary>This machine's CUDA device as it enters the key of a run on it (GPU model, CUDA runtime, TF32), or null without one.</summary>
    public string? Cuda { get; init; }

    /// <summary>The device kind a run's <c>device</c> setting names here: <c>auto</c> becomes <c>cpu</c> or <c>cuda</c>.</summary>
    public string DeviceKindOf(string setting) => setting == "auto" ? (Cuda is null ? "cpu" : "cuda") : setting;

    /// <summary>What a run's <c>device</c> setting resolves to here, as it enters the key: <c>cpu</c> or <c>cuda (…)</c>.</summary>
    public string ResolveDevice(string setting) => setting switch
    {
        "auto" => Cuda is null ? "cpu" : $"cuda ({Cuda})",
        "cuda" => $"cuda ({Cuda ?? "not available here"})",
        _ => setting,
    };

    /// <summary>
    /// Bumped when the layout of a store entry or the meaning of a key input changes. 2: the data fingerprint is the
    /// decompressed content of exactly the files a run reads (was: the raw bytes of every file in the data set's folder).
    /// </summary>
    public const int StoreSchemaVersion = 2;
}
