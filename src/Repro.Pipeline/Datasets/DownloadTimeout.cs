using System.Globalization;

namespace Repro.Pipeline.Datasets;

/// <summary>
/// How long a download waits for a connection, a response or its next bytes before the source counts as stalled
/// and the next one is tried: <c>REPRO_DOWNLOAD_TIMEOUT</c> seconds (1 to 600), else <see cref="Default"/>. Short
/// enough that a stalled mirror fails over within a minute; tests set it to a second or two.
/// </summary>
public static class DownloadTimeout
{
    public const string Variable = "REPRO_DOWNLOAD_TIMEOUT";

    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static TimeSpan FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The timeout <paramref name="text"/> gives; a bad one is an <see cref="ArgumentException"/> in one line (exit 2).</summary>
    public static TimeSpan Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 1 || seconds > 600)
            throw new ArgumentException($"{Variable}={Store.EntryPath.Printable(text)}: must be a number of seconds from 1 to 600");
        return TimeSpan.FromSeconds(seconds);
    }
}
