using System.Diagnostics;

namespace Repro.Pipeline.Datasets;

/// <summary>
/// Progress of one download: a redrawn bar (size, speed, ETA) on a terminal; on redirected output or with
/// <c>CI=true</c>, a plain line every ten seconds, so logs stay readable.
/// </summary>
public sealed class DownloadProgress(TextWriter output, bool interactive, string name)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    // Plain lines start after the first ten seconds: a quick download needs none, its summary line says it all.
    private TimeSpan? lastShown = interactive ? null : TimeSpan.Zero;
    private long startedAt = -1;

    public static bool IsInteractive => !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Bytes per second since the first report (a resumed download counts only what this process fetched).</summary>
    public double Speed(long received) => startedAt < 0 ? 0 : (received - startedAt) / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);

    public TimeSpan Elapsed => clock.Elapsed;

    public void Report(long received, long? total)
    {
        if (startedAt < 0) startedAt = received;
        var every = interactive ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10);
        if (lastShown is { } last && clock.Elapsed - last < every) return;
        lastShown = clock.Elapsed;
        double speed = Speed(received);
        string size = total is { } t ? $"{Megabytes(received)}/{Megabytes(t)} MB" : $"{Megabytes(received)} MB";
        string eta = total is { } all && speed > 0 ? $" ETA {TimeSpan.FromSeconds((all - received) / speed):m\\:ss}" : "";
        if (interactive)
        {
            int filled = total is { } whole && whole > 0 ? (int)(30 * received / whole) : 0;
            output.Write($"\r{name} [{new string('#', filled)}{new string('.', 30 - filled)}] {size} {Megabytes((long)speed)} MB/s{eta}   ");
        }
        else
        {
            output.WriteLine($"{name}: {size} at {Megabytes((long)speed)} MB/s{eta}");
        }
    }

    /// <summary>Clears the bar so the next line starts clean.</summary>
    public void End()
    {
        if (interactive && lastShown is not null) output.Write("\r" + new string(' ', 100) + "\r");
    }

    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
