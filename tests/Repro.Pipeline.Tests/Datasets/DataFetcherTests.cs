using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Repro.Pipeline.Datasets;

namespace Repro.Pipeline.Tests.Datasets;

/// <summary>
/// The downloader end to end against a real HTTP server on 127.0.0.1, serving the official file names under
/// several behaviours: good, 404, a connection cut halfway, a truncated file, the wrong content.
/// </summary>
public sealed class DataFetcherTests : IDisposable
{
    private const string Name = "train-labels-idx1-ubyte.gz";

    private static readonly byte[] Content = TestData.FashionMnistContent()["train-labels-idx1-ubyte"];
    private static readonly byte[] Gzipped = TestData.Gzip(Content);

    private static readonly OfficialDataset Fixture = new("fixture", "fixture",
        [new(Name, Convert.ToHexStringLower(SHA256.HashData(Content)))], OfficialBases: []);

    private readonly HttpListener listener = new();
    private readonly string baseUrl;
    private readonly TemporaryFolder data = new("repro-fetch-");
    private readonly ConcurrentQueue<string> requests = new();
    private int cuts;

    public DataFetcherTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        baseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(baseUrl + "/");
        listener.Start();
        _ = Task.Run(Serve);
    }

    private string Final => data.Combine("fixture", Name);

    [Fact]
    public void ResumesAfterACutConnectionWithARangeRequest()
    {
        var log = new StringWriter();

        Fetcher([$"{baseUrl}/cut"], log).Fetch(Fixture);

        Assert.Equal(Gzipped, File.ReadAllBytes(Final));
        Assert.Equal(1, cuts);
        // The resumed request asks for the rest from where the received bytes end: at most half the file (the server
        // sent half, and a connection reset may discard bytes the client had not read yet), never from the start.
        var resumedFrom = requests.Where(r => r.StartsWith($"/cut/{Name} bytes=", StringComparison.Ordinal))
            .Select(r => long.Parse(r[(r.IndexOf('=') + 1)..].TrimEnd('-'))).ToList();
        Assert.NotEmpty(resumedFrom);
        Assert.All(resumedFrom, from => Assert.InRange(from, 1, Gzipped.Length / 2));
        Assert.Contains("verified", log.ToString());
        Assert.Equal([Name, Name + ContentHash.CacheSuffix], Directory.GetFiles(data.Combine("fixture")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AMirrorThat404sIsSkippedForTheNextOne()
    {
        var log = new StringWriter();

        Fetcher([$"{baseUrl}/missing", $"{baseUrl}/good"], log).Fetch(Fixture);

        Assert.Equal(Gzipped, File.ReadAllBytes(Final));
        Assert.Contains($"{baseUrl}/missing/{Name}: 404", log.ToString());
        Assert.Contains($"/missing/{Name} -", requests);
    }

    [Theory]
    [InlineData("truncated", "got ")]
    [InlineData("wrong", "got ")]
    public void BadBytesAreRefusedInOneLineAndNothingIsLeft(string mirror, string actual)
    {
        var log = new StringWriter();

        var error = Assert.Throws<DataFetchException>(() => Fetcher([$"{baseUrl}/{mirror}", $"{baseUrl}/good"], log).Fetch(Fixture));

        Assert.StartsWith($"{baseUrl}/{mirror}/{Name}: checksum mismatch: expected SHA-256 {Fixture.Files[0].ContentSha256}", error.Message);
        Assert.Contains(actual, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(Directory.GetFiles(data.Combine("fixture")));   // no final name, no partial, no cache
        Assert.DoesNotContain($"/good/{Name} -", requests);                 // a source serving bad bytes stops the fetch
    }

    [Fact]
    public void AFileMirrorWorksAndAVerifiedFileIsNotFetchedAgain()
    {
        using var mirror = new TemporaryFolder("repro-mirror-");
        File.WriteAllBytes(mirror.Combine(Name), Gzipped);
        Fetcher([new Uri(mirror.Path).AbsoluteUri], TextWriter.Null).Fetch(Fixture);
        Assert.Equal(Gzipped, File.ReadAllBytes(Final));

        var log = new StringWriter();
        Fetcher([$"{baseUrl}/good"], log).Fetch(Fixture);
        Assert.Contains("present, verified", log.ToString());
        Assert.Empty(requests);
    }

    [Fact]
    public void NoSourceHavingItIsOneLineNamingWhatWasTried()
    {
        var error = Assert.Throws<DataFetchException>(() => Fetcher([$"{baseUrl}/missing"], TextWriter.Null).Fetch(Fixture));

        Assert.Contains("no source had it (404", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(Final));
    }

    private DataFetcher Fetcher(IReadOnlyList<string> mirrors, TextWriter log) =>
        new(data.Path, mirrors, new Downloader(Http, TextWriter.Null, interactive: false, attempts: 3, firstBackoff: TimeSpan.FromMilliseconds(10)), log);

    private static readonly HttpClient Http = new();

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            var range = context.Request.Headers["Range"];
            requests.Enqueue($"{path} {range ?? "-"}");
            var response = context.Response;
            try
            {
                var mirror = path.Split('/')[1];
                if (mirror == "missing" || !path.EndsWith("/" + Name, StringComparison.Ordinal))
                {
                    response.StatusCode = 404;
                    response.Close();
                    continue;
                }
                byte[] body = mirror switch
                {
                    "truncated" => Gzipped[..(Gzipped.Length / 2)],
                    "wrong" => TestData.Gzip([.. Content.Reverse()]),
                    _ => Gzipped,
                };
                long from = range is not null ? long.Parse(range["bytes=".Length..].TrimEnd('-')) : 0;
                if (from > 0)
                {
                    response.StatusCode = 206;
                    response.Headers["Content-Range"] = $"bytes {from}-{body.Length - 1}/{body.Length}";
                }
                response.ContentLength64 = body.Length - from;
                if (mirror == "cut" && from == 0)
                {
                    // Half the file, then the connection drops.
                    Interlocked.Increment(ref cuts);
                    response.OutputStream.Write(body, 0, body.Length / 2);
                    response.OutputStream.Flush();
                    response.Abort();
                    continue;
                }
                response.OutputStream.Write(body, (int)from, (int)(body.Length - from));
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                response.Abort();
            }
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        data.Dispose();
    }
}
