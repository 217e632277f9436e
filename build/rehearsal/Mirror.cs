using System.Net;

namespace Repro.Rehearsal;

/// <summary>
/// The internet, as far as the workflows need it: an HTTP mirror on 127.0.0.1 serving the data files found under a
/// folder by their official names (<c>/train-images-idx3-ubyte.gz</c>, …), with HTTP Range support so resumed
/// downloads work as they would against the real mirrors. Served in-process; every request is counted.
/// </summary>
public sealed class Mirror : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, string> files;
    private int requests;

    public Mirror(string dataFolder)
    {
        // Official file names are unique across the data sets, so a flat name -> path map is enough.
        files = Directory.EnumerateFiles(dataFolder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".gz", StringComparison.Ordinal))
            .GroupBy(Path.GetFileName)
            .ToDictionary(g => g.Key!, g => g.First());
        if (files.Count == 0) throw new ArgumentException($"{dataFolder}: no .gz data files to serve");
        for (int attempt = 0; ; attempt++)
        {
            int port = Random.Shared.Next(20000, 60000);
            try
            {
                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                listener.Start();
                Url = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 20) { }
        }
        _ = Task.Run(Serve);
    }

    public string Url { get; } = "";
    public IReadOnlyCollection<string> FileNames => files.Keys;
    public int Requests => requests;

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        Interlocked.Increment(ref requests);
        var response = context.Response;
        try
        {
            string name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            if (!files.TryGetValue(name, out var path))
            {
                response.StatusCode = 404;
                return;
            }
            long length = new FileInfo(path).Length, from = 0;
            string? range = context.Request.Headers["Range"];
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-')
                && long.TryParse(range["bytes=".Length..^1], out from) && from < length)
            {
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {from}-{length - 1}/{length}");
            }
            else from = 0;
            response.AddHeader("Accept-Ranges", "bytes");
            response.ContentLength64 = length - from;
            if (context.Request.HttpMethod == "HEAD") return;
            await using var file = File.OpenRead(path);
            file.Seek(from, SeekOrigin.Begin);
            await file.CopyToAsync(response.OutputStream);
        }
        catch (Exception)
        {
            // A client that hangs up mid-file is the client's business (it resumes).
        }
        finally
        {
            try { response.Close(); } catch (Exception) { }
        }
    }

    public void Dispose() => listener.Close();
}
