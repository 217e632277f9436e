using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Repro.Pipeline.Files;

namespace Repro.Pipeline.Datasets;

/// <summary>
/// Copies one URL (http, https or file) to a partial file, resuming what an earlier attempt left there with an
/// HTTP Range request and retrying transient failures with exponential back-off. It only moves bytes; whether
/// they are right is the caller's business (<see cref="DataFetcher"/>). It never takes more than the caller's cap
/// (a source announcing or sending more fails at once, its bytes deleted) and never waits longer than
/// <see cref="StallTimeout"/> for a connection, a response or the next bytes: a stalled source fails, not retried.
/// </summary>
public sealed class Downloader(HttpClient http, TextWriter output, bool interactive, int attempts = 4, TimeSpan? firstBackoff = null,
                               TimeSpan? stallTimeout = null)
{
    private readonly TimeSpan firstWait = firstBackoff ?? TimeSpan.FromSeconds(1);

    public TimeSpan StallTimeout { get; } = stallTimeout ?? DownloadTimeout.Default;

    /// <summary>
    /// An HTTP client for downloads: connect timeout <paramref name="stall"/>; redirects are followed by
    /// <see cref="Send"/>, not the handler (whose redirect to a <c>file:</c> URL throws a UriFormatException); an
    /// abandoned response closes its connection instead of being drained.
    /// </summary>
    public static HttpClient Client(TimeSpan stall) =>
        new(new SocketsHttpHandler { ConnectTimeout = stall, AllowAutoRedirect = false, MaxResponseDrainSize = 0 })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private const int MaxRedirects = 5;

    /// <summary>
    /// The response for <paramref name="url"/> (from <paramref name="have"/> bytes on), following at most 5 redirects,
    /// each only to http or https; else why not.
    /// </summary>
    private (HttpResponseMessage? Response, string? Failure) Send(string url, long have, CancellationTokenSource stall)
    {
        var current = new Uri(url);
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
            stall.CancelAfter(StallTimeout);   // each hop has the whole timeout
            var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
                return (response, null);
            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (next.Scheme is not ("http" or "https"))
                return (null, $"redirected to {Store.EntryPath.Printable(next.OriginalString)}: only http and https redirects are followed");
            if (hop == MaxRedirects) return (null, $"more than {MaxRedirects} redirects");
            current = next;
        }
    }

    /// <summary>Null when <paramref name="partialPath"/> now holds the whole file; else why this source failed (one phrase).</summary>
    /// <param name="cap">The most bytes the file may have (null: no cap); more, announced or sent, fails and deletes the partial file.</param>
    public string? Download(string url, string partialPath, string name, long? cap = null)
    {
        var uri = new Uri(url);
        if (uri.IsFile)
            return CopyLocal(uri.LocalPath, partialPath, cap);
        string? failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
                Thread.Sleep(firstWait * Math.Pow(2, attempt - 2));
            try
            {
                var outcome = TryOnce(url, partialPath, name, cap);
                if (outcome.Done) return null;
                failure = outcome.Failure;
                if (!outcome.Retry) return failure;
            }
            catch (OperationCanceledException)
            {
                return $"stalled: nothing received for {StallTimeout.TotalSeconds:G} s";   // a stall is not retried: the next source may be alive
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                failure = Phrase(e);
                if (IsUnreachable(e)) return failure;   // no route, no host, refused, timed out: retrying will not help
            }
        }
        return $"{failure} (after {attempts} attempts)";
    }

    private (bool Done, string? Failure, bool Retry) TryOnce(string url, string partialPath, string name, long? cap)
    {
        long have = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        using var stall = new CancellationTokenSource(StallTimeout);
        var (sent, refused) = Send(url, have, stall);
        if (sent is null) return (false, refused, Retry: false);
        using var response = sent;
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // What we hold is not a prefix the server can extend (already whole, or from another version): start over.
            File.Delete(partialPath);
            return (false, "416 Range Not Satisfiable", Retry: true);
        }
        if (!response.IsSuccessStatusCode)
        {
            int code = (int)response.StatusCode;
            return (false, $"{code} {response.ReasonPhrase}", Retry: code >= 500 || code == 408 || code == 429);
        }
        bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
        if (!resumed) have = 0;   // the server ignored the Range: its body is the whole file
        long? total = response.Content.Headers.ContentLength is { } length ? have + length : null;
        if (total > cap)
        {
            File.Delete(partialPath);
            return (false, $"announces {total} bytes, more than the {cap} the official file can have", Retry: false);
        }
        var progress = new DownloadProgress(output, interactive, name);
        using (var target = new FileStream(partialPath, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write))
        using (var body = response.Content.ReadAsStream(stall.Token))
        {
            var buffer = new byte[1 << 16];
            long received = have;
            int read;
            try
            {
                while ((read = ReadWithin(body, buffer, stall)) > 0)
                {
                    received += read;
                    if (received > cap)
                    {
                        target.Close();
                        File.Delete(partialPath);
                        return (false, $"sent more than the {cap} bytes the official file can have; the partial download was deleted", Retry: false);
                    }
                    target.Write(buffer, 0, read);
                    progress.Report(received, total);
                }
            }
            finally
            {
                progress.End();
            }
            if (total is { } expected && received != expected)
                return (false, $"connection closed at {received} of {expected} bytes", Retry: true);
        }
        return (true, null, false);
    }

    /// <summary>One read that must bring bytes within the stall timeout (restarted for each read).</summary>
    private int ReadWithin(Stream body, byte[] buffer, CancellationTokenSource stall)
    {
        stall.CancelAfter(StallTimeout);
        return body.ReadAsync(buffer, stall.Token).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A local source: a regular file only (a FIFO or device could block or never end), and no bigger than the cap.</summary>
    private static string? CopyLocal(string source, string partialPath, long? cap)
    {
        var info = new FileInfo(source);
        if (!info.Exists) return Directory.Exists(source) ? "a folder, not a file" : "file not found";
        if (SpecialFile.Kind(source) is { } kind) return $"{kind}, not a regular file";
        if (info.Length > cap) return $"{info.Length} bytes, more than the {cap} the official file can have";
        using (var from = new FileStream(source, FileMode.Open, FileAccess.Read))
        using (var to = new FileStream(partialPath, FileMode.Create, FileAccess.Write))
        {
            // Copied up to the cap only: a file growing while it is copied cannot fill the disk.
            var buffer = new byte[1 << 16];
            long copied = 0;
            int read;
            while ((read = from.Read(buffer)) > 0)
            {
                copied += read;
                if (copied > cap)
                {
                    to.Close();
                    File.Delete(partialPath);
                    return $"grew past the {cap} bytes the official file can have while it was copied";
                }
                to.Write(buffer, 0, read);
            }
        }
        return null;
    }

    private static bool IsUnreachable(Exception e) =>
        e.InnerException is SocketException
        {
            SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.ConnectionRefused or SocketError.TimedOut
                                              or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NoData
        } or TimeoutException;

    private static string Phrase(Exception e) => (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ").TrimEnd('.');
}
