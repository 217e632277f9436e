// Linked into every test project (see tests/Directory.Build.props): the one way tests get a scratch folder.
namespace Repro;

/// <summary>
/// A new, uniquely named folder under the temp directory (<c>PREFIX</c> plus random letters, so a folder left behind
/// says which tests made it) that <see cref="Dispose"/> deletes with everything in it. Deleting a folder that is
/// already gone is not an error.
/// </summary>
public class TemporaryFolder(string prefix = "repro-test-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A path inside the folder: <c>Combine("a", "b.txt")</c> is <c>Path/a/b.txt</c>. Nothing is created.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public override string ToString() => Path;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already deleted (by the test itself, or by a Dispose before this one).
        }
        GC.SuppressFinalize(this);
    }
}
