using System.Diagnostics;
using System.Security.Cryptography;
using Repro.Pipeline.Datasets;

namespace Repro.Pipeline.Tests.Chaos;

/// <summary>
/// <c>repro data fetch</c>'s downloader against a hostile mirror listed before a good one: each misbehaviour fails
/// that mirror in one phrase within the stall timeout (3 s here), leaves no partial file behind it, and the good
/// mirror then delivers the verified file.
/// </summary>
public sealed class HostileMirrorTests : IDisposable
{
    private const string Name = "train-labels-idx1-ubyte.gz";
    private static readonly byte[] Content = TestData.FashionMnistContent()["train-labels-idx1-ubyte"];
    private static readonly byte[] Gzipped = TestData.Gzip(Content);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(3);

    private static readonly OfficialDataset Fixture = new("fixture", "fixture",
        [new(Name, Convert.ToHexStringLower(SHA256.HashData(Content)), ContentSize: Content.Length)], OfficialBases: []);

    private readonly HostileServer server = new(Gzipped);
    private readonly TemporaryFolder data = new("repro-chaos-fetch-");
    private readonly HttpClient http = Downloader.Client(Stall);

    [Theory]
    [InlineData("stall", "stalled: nothing received for 3 s")]
    [InlineData("silent", "stalled: nothing received for 3 s")]
    [InlineData("endless", "sent more than the")]
    [InlineData("huge", "announces 53687091200 bytes, more than the")]
    [InlineData("short", "The response ended prematurely")]
    [InlineData("tofile", "redirected to file:///etc/passwd: only http and https redirects are followed")]
    [InlineData("toftp", "redirected to ftp://127.0.0.1/x: only http and https redirects are followed")]
    [InlineData("loop", "more than 5 redirects")]
    public void AHostileMirrorFailsOverToTheNextOneQuickly(string behaviour, string phrase)
    {
        var log = new StringWriter();
        var clock = Stopwatch.StartNew();

        Fetcher(log).Fetch(Fixture);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
        string line = Assert.Single(log.ToString().Split('\n'), l => l.Contains($"/{behaviour}/"));
        Assert.True(line.Contains(phrase, StringComparison.Ordinal), line);
        Assert.Contains("trying the next source", line);
        Assert.Equal(Gzipped, File.ReadAllBytes(data.Combine("fixture", Name)));
        Assert.DoesNotContain(Directory.GetFiles(data.Combine("fixture")), f => f.EndsWith(".partial", StringComparison.Ordinal));

        DataFetcher Fetcher(TextWriter to) => new(data.Path, [$"{server.Url}/{behaviour}", $"{server.Url}/good"],
            new Downloader(http, TextWriter.Null, interactive: false, attempts: 2, firstBackoff: TimeSpan.FromMilliseconds(10), stallTimeout: Stall), to);
    }

    [Fact]
    public async Task TwoFetchesIntoOneFolderAtOnceEndWithTheVerifiedFileDownloadedOnce()
    {
        var logs = new[] { new StringWriter(), new StringWriter() };
        var fetches = logs.Select(log => Task.Run(() =>
            new DataFetcher(data.Path, [$"{server.Url}/slow"], new Downloader(http, TextWriter.Null, interactive: false, stallTimeout: Stall), log,
                            lockTimeout: TimeSpan.FromSeconds(60)).Fetch(Fixture))).ToList();
        await Task.WhenAll(fetches).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Gzipped, File.ReadAllBytes(data.Combine("fixture", Name)));
        Assert.Single(server.Requests);
        Assert.Single(logs, log => log.ToString().Contains("another fetch is writing into", StringComparison.Ordinal));
        Assert.Single(logs, log => log.ToString().Contains("present, verified", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(data.Combine("fixture")), f => f.EndsWith(".partial", StringComparison.Ordinal) || f.EndsWith(".url", StringComparison.Ordinal));
    }

    [Fact]
    public void AFetchWaitingForAnotherGivesUpAfterItsTimeoutInOneLine()
    {
        using var held = Repro.Pipeline.Store.LockFile.Wait(data.Combine(DataFetcher.LockName));
        var fetcher = new DataFetcher(data.Path, [$"{server.Url}/good"], new Downloader(http, TextWriter.Null, interactive: false), TextWriter.Null,
                                      lockTimeout: TimeSpan.FromSeconds(1));

        var error = Assert.Throws<TimeoutException>(() => fetcher.Fetch(Fixture));

        Assert.Contains("still held by another process after 1 s", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void AnHttpRedirectIsFollowed()
    {
        new DataFetcher(data.Path, [$"{server.Url}/moved"], new Downloader(http, TextWriter.Null, interactive: false), TextWriter.Null).Fetch(Fixture);

        Assert.Equal([$"GET /moved/{Name} HTTP/1.1", $"GET /good/{Name} HTTP/1.1"], server.Requests);
        Assert.Equal(Gzipped, File.ReadAllBytes(data.Combine("fixture", Name)));
    }

    [Theory]
    [InlineData("not a url", "not an absolute URL")]
    [InlineData("ftp://127.0.0.1/mirror", "the scheme ftp: is not supported")]
    [InlineData("http://[::1/mirror", "not an absolute URL")]
    [InlineData("mirror/relative", "not an absolute URL")]
    [InlineData("/an/absolute/path", "not an absolute URL")]
    [InlineData("file://server/share", "a file URL must name a local absolute path")]
    [InlineData("javascript:alert(1)", "the scheme javascript: is not supported")]
    public void AMalformedOrForeignMirrorIsRefusedInOneLineBeforeAnythingIsFetched(string mirror, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DataFetcher(data.Path, [mirror, $"{server.Url}/good"], new Downloader(http, TextWriter.Null, interactive: false), TextWriter.Null).Fetch(Fixture));

        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(data.Combine("fixture")));
    }

    [Theory]
    [InlineData("?token=abc", "?token=abc")]
    [InlineData("#part", "")]
    [InlineData("/?x=1#y", "?x=1")]
    public void AQueryOrFragmentInAMirrorUrlDoesNotSwallowTheFileName(string tail, string query)
    {
        new DataFetcher(data.Path, [$"{server.Url}/good{tail}"], new Downloader(http, TextWriter.Null, interactive: false), TextWriter.Null).Fetch(Fixture);

        Assert.Contains($"GET /good/{Name}{query} HTTP/1.1", server.Requests);
        Assert.Equal(Gzipped, File.ReadAllBytes(data.Combine("fixture", Name)));
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
        data.Dispose();
    }
}
