using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Repro.Pipeline.Tests.Chaos;

/// <summary>
/// An HTTP server on 127.0.0.1 only, written on raw sockets so it can misbehave as no real library would. The first
/// path segment picks the behaviour: <c>good</c> serves <see cref="Body"/>, <c>slow</c> over a second; <c>stall</c> sends half and then nothing;
/// <c>silent</c> accepts and never answers; <c>endless</c> sends bytes for ever; <c>huge</c> announces 50 GiB;
/// <c>short</c> announces more than it sends and closes; <c>tofile</c> and <c>toftp</c> redirect to other schemes,
/// <c>loop</c> to itself, <c>moved</c> to <c>good</c>.
/// </summary>
public sealed class HostileServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> clients = [];
    private readonly CancellationTokenSource stop = new();

    public HostileServer(byte[] body)
    {
        Body = body;
        // The downloader blocks pool threads on its reads (it is synchronous); with tests in parallel the server's
        // tasks must not queue behind them, or a good answer would look like a stall.
        ThreadPool.GetMinThreads(out int workers, out int ports);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), ports);
        listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        _ = Task.Run(Accept);
    }

    public byte[] Body { get; }

    public string Url { get; }

    /// <summary>Every request line received, e.g. <c>GET /good/x.gz</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task Accept()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            clients.Add(client);
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var request = await ReadHead(stream);
            string path = request.Split(' ').ElementAtOrDefault(1) ?? "/";
            Requests.Enqueue(request.Split("\r\n")[0]);
            string behaviour = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            switch (behaviour)
            {
                case "good":
                    await Head(stream, "200 OK", $"Content-Length: {Body.Length}");
                    await stream.WriteAsync(Body, stop.Token);
                    break;
                case "slow":   // the whole body, in ten pieces a tenth of a second apart
                    await Head(stream, "200 OK", $"Content-Length: {Body.Length}");
                    for (int piece = 0; piece < 10; piece++)
                    {
                        int from = Body.Length * piece / 10, to = Body.Length * (piece + 1) / 10;
                        await stream.WriteAsync(Body.AsMemory(from, to - from), stop.Token);
                        await Task.Delay(100, stop.Token);
                    }
                    break;
                case "stall":
                    await Head(stream, "200 OK", $"Content-Length: {Body.Length}");
                    await stream.WriteAsync(Body.AsMemory(0, Body.Length / 2), stop.Token);
                    await Task.Delay(Timeout.Infinite, stop.Token);
                    break;
                case "silent":
                    await Task.Delay(Timeout.Infinite, stop.Token);
                    break;
                case "endless":
                    await Head(stream, "200 OK", "Connection: close");
                    var chunk = new byte[1 << 16];
                    while (!stop.IsCancellationRequested) await stream.WriteAsync(chunk, stop.Token);
                    break;
                case "huge":
                    await Head(stream, "200 OK", "Content-Length: 53687091200");
                    var zeros = new byte[1 << 16];
                    while (!stop.IsCancellationRequested) await stream.WriteAsync(zeros, stop.Token);
                    break;
                case "short":
                    await Head(stream, "200 OK", $"Content-Length: {Body.Length * 2}");
                    await stream.WriteAsync(Body, stop.Token);
                    break;
                case "tofile":
                    await Head(stream, "302 Found", "Location: file:///etc/passwd", "Content-Length: 0");
                    break;
                case "moved":   // a redirect that is fine: relative, to the good mirror
                    await Head(stream, "302 Found", $"Location: /good/{path.Split('/').Last()}", "Content-Length: 0");
                    break;
                case "loop":
                    await Head(stream, "302 Found", $"Location: {path}", "Content-Length: 0");
                    break;
                case "toftp":
                    await Head(stream, "302 Found", "Location: ftp://127.0.0.1/x", "Content-Length: 0");
                    break;
                default:
                    await Head(stream, "404 Not Found", "Content-Length: 0");
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up (as it should on a stall) or the server is stopping.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<string> ReadHead(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, stop.Token) == 1)
            head.Append((char)buffer[0]);
        return head.ToString();
    }

    private async Task Head(NetworkStream stream, string status, params string[] headers)
    {
        // One request per connection, said so: the client never sends a request on a connection this server is closing.
        if (!headers.Contains("Connection: close")) headers = [.. headers, "Connection: close"];
        string head = $"HTTP/1.1 {status}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var client in clients) client.Dispose();
    }
}
