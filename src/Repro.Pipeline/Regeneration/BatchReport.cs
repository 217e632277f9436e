using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Pipeline.Regeneration;

/// <summary>
/// How one batch of a fan-out ended, as <c>repro run --report DIR</c> wrote it (<c>keys</c>, <c>exit-code</c>); a
/// planned batch with no report ended before it could write one (its job failed early, timed out or was cancelled).
/// </summary>
public sealed record BatchReport(string Keys, int? ExitCode)
{
    public const string KeysFile = "keys";
    public const string ExitCodeFile = "exit-code";

    /// <summary>The batch's name in a fan-out: the first 12 hex digits of the SHA-256 of its keys line (as <c>sha256sum</c> gives it).</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Keys + "\n")))[..12];

    public bool Failed => ExitCode is not { } code || ExitCodes.IsFailure(code);

    public string Describe() => ExitCode is { } code ? ExitCodes.Describe(code) : "no exit code: the job failed before training, timed out or was cancelled";

    public static void Write(string folder, IEnumerable<string> keys, int exitCode)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, KeysFile), string.Join(" ", keys) + "\n");
        File.WriteAllText(Path.Combine(folder, ExitCodeFile), exitCode.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    /// <summary>
    /// How each planned batch ended, from the report folders given (untrusted: one that cannot be read counts as no
    /// report), matched to the batches by their keys.
    /// </summary>
    public static IReadOnlyList<BatchReport> Match(IReadOnlyList<string> plannedBatches, IEnumerable<string> reportFolders)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var folder in reportFolders)
        {
            try
            {
                string keys = string.Join(" ", File.ReadAllText(Path.Combine(folder, KeysFile)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (int.TryParse(File.ReadAllText(Path.Combine(folder, ExitCodeFile)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int code))
                    codes[keys] = code;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // no report: counted as a batch that ended without one
            }
        }
        return plannedBatches.Select(b => new BatchReport(b, codes.TryGetValue(b, out int c) ? c : null)).ToList();
    }
}
