namespace Repro.Pipeline.Store;

/// <summary>
/// Written last into a staged entry: its presence is what makes an entry complete.
/// <see cref="Files"/> maps each file of the entry to its SHA-256. <see cref="Run"/> says which run of which
/// artifact, group, profile and sweep point it was made for, and <see cref="Machine"/> where and how: neither
/// enters the key. Both are absent from manifests written before they existed.
/// </summary>
public sealed record StoreManifest(
    int Schema,
    string Key,
    string Identity,
    string Label,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Files,
    DateTimeOffset CreatedUtc,
    double DurationSeconds,
    RunIdentity? Run = null,
    MachineProvenance? Machine = null)
{
    /// <summary>
    /// What makes this manifest unusable for an entry in folder <paramref name="folderName"/>, or null: members
    /// missing or null (JSON lets any of them be), a key other than the folder's, a file path that leaves the entry.
    /// </summary>
    public string? Problem(string folderName)
    {
        // Deserialisation fills absent or null members with null whatever the declared nullability.
        if (Key is null) return "names no key";
        if (Key != folderName) return $"names key {Key}";
        if (Inputs is null || Inputs.Any(kv => kv.Value is null)) return "has no inputs or a null input";
        if (Files is null || Files.Any(kv => kv.Value is null)) return "has no file list or a file without a hash";
        if (Files.Keys.FirstOrDefault(f => !EntryPath.IsConfined(f) || f == RunFiles.Manifest) is { } bad)
            return $"lists a file outside the entry ({EntryPath.Printable(bad)})";
        return null;
    }
}
