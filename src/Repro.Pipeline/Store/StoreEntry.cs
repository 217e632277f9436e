namespace Repro.Pipeline.Store;

/// <summary>A complete, published run in the store.</summary>
public sealed record StoreEntry(string Directory, StoreManifest Manifest)
{
    public string PathOf(string file) => Path.Combine(Directory, file);
}
