using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Repro.Pipeline.Datasets;

/// <summary>
/// Copies one URL (http, https or file) to a partial file, resuming what an earlier attempt left there with an
/// HTTP Range request and retrying transient failures with exponential back-off. It only moves bytes; whether
/// they are right is the caller's business (<see cref="DataFetcher"/>).
/// </summary>
public sealed class Downloader(HttpClient http, TextWriter output, bool interactive, int attempts = 4, TimeSpan? firstBackoff = null)
{
    private readonly TimeSpan firstWait = firstBackoff ?? TimeSpan.FromSeconds(1);

    /// <summary>Null when <paramref name="partialPath"/> now holds the whole file; else why this source failed (one phrase).</summary>
    public string? Download(string url, string partialPath, string name)
    {
        var uri = new Uri(url);
        if (uri.IsFile)
            return CopyLocal(uri.LocalPath, partialPath);
        string? failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
                Thread.Sleep(firstWait * Math.Pow(2, attempt - 2));
            try
            {
                var outcome = TryOnce(url, partialPath, name);
                if (outcome.Done) return null;
                failure = outcome.Failure;
                if (!outcome.Retry) return failure;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                failure = Phrase(e);
                if (IsUnreachable(e)) return failure;   // no route, no host, refused: retrying will not help
            }
        }
        return $"{failure} (after {attempts} attempts)";
    }

    private (bool Done, string? Failure, bool Retry) TryOnce(string url, string partialPath, string name)
    {
        long have = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
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
        var progress = new DownloadProgress(output, interactive, name);
        using (var target = new FileStream(partialPath, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write))
        using (var body = response.Content.ReadAsStream())
        {
            var buffer = new byte[1 << 16];
            long received = have;
            int read;
            try
            {
                while ((read = body.Read(buffer)) > 0)
                {
                    target.Write(buffer, 0, read);
                    received += read;
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

    private static string? CopyLocal(string source, string partialPath)
    {
        if (!File.Exists(source)) return "file not found";
        File.Copy(source, partialPath, overwrite: true);
        return null;
    }

    private static bool IsUnreachable(Exception e) =>
        e.InnerException is SocketException
        {
            SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.ConnectionRefused
                                              or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NoData
        };

    private static string Phrase(Exception e) => (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ").TrimEnd('.');
}
