namespace Repro.Pipeline.Store;

/// <summary>
/// Written last into a staged entry: its presence is what makes an entry complete.
/// <see cref="Files"/> maps each file of the entry to its SHA-256.
/// </summary>
public sealed record StoreManifest(
    int Schema,
    string Key,
    string Identity,
    string Label,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Files,
    DateTimeOffset CreatedUtc,
    double DurationSeconds);
