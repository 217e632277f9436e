using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Repro.Core.Data;

namespace Repro.Pipeline.Datasets;

/// <summary>
/// <c>repro data fetch</c>: brings a data set into the data folder from the first source that has it (each mirror,
/// Debian's install, then the official addresses), verifies it against <see cref="OfficialData"/>, and only then
/// gives it its final name, so a file under a final name has always been verified. Bytes that fail verification
/// are deleted and stop the fetch: a source serving wrong data is not silently skipped. One fetch at a time writes
/// into a data folder (<see cref="LockName"/>); another waits for it, at most <paramref name="lockTimeout"/>, and then
/// finds the files verified.
/// </summary>
public sealed class DataFetcher(string dataDirectory, IReadOnlyList<string> mirrors, Downloader downloader, TextWriter log, TimeSpan? lockTimeout = null)
{
    public const string MirrorsVariable = "REPRO_DATA_MIRRORS";

    /// <summary>The lock file in the data folder that a fetch holds while it writes there.</summary>
    public const string LockName = ".fetch.lock";

    // Checked before anything is fetched: a bad mirror is one line, not a trace half-way through.
    private readonly IReadOnlyList<Uri> checkedMirrors = [.. mirrors.Select(m => SourceUrl.Parse(m, "mirror"))];
    private FileStream? folderLock;

    /// <summary>The space-separated base URLs in <c>REPRO_DATA_MIRRORS</c>.</summary>
    public static IReadOnlyList<string> MirrorsFromEnvironment() =>
        (Environment.GetEnvironmentVariable(MirrorsVariable) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Where a file is looked for, in order; a mirror serves <c>MIRROR/OFFICIAL-NAME</c>.</summary>
    public IEnumerable<Uri> Sources(OfficialDataset dataset)
    {
        foreach (var mirror in checkedMirrors) yield return mirror;
        if (dataset.Name == DatasetCatalog.FashionMnistName && Directory.Exists(OfficialData.DebianFashionMnist))
            yield return new Uri(OfficialData.DebianFashionMnist);
        foreach (var official in dataset.OfficialBases) yield return new Uri(official);
    }

    public void Fetch(OfficialDataset dataset)
    {
        try
        {
            if (dataset.Archive) FetchArchive(dataset);
            else foreach (var file in dataset.Files) FetchFile(dataset, file);
        }
        finally
        {
            Interlocked.Exchange(ref folderLock, null)?.Dispose();
        }
    }

    /// <summary>
    /// Takes the data folder's fetch lock before the first write (a folder that holds everything verified is never
    /// written, so a read-only one serves); true when it had to wait, so what the other fetch did is looked at again.
    /// </summary>
    private bool LockFolder(OfficialDataset dataset)
    {
        if (folderLock is not null) return false;
        bool waited = false;
        folderLock = Store.LockFile.Wait(Path.Combine(dataDirectory, LockName), timeout: lockTimeout ?? TimeSpan.FromHours(1), waiting: () =>
        {
            waited = true;
            log.WriteLine($"{dataset.Name}: another fetch is writing into {dataDirectory}; waiting for it");
        });
        return waited;
    }

    private void FetchFile(OfficialDataset dataset, OfficialFile file)
    {
        string folder = Path.Combine(dataDirectory, dataset.Folder);
        string final = Path.Combine(folder, file.Name);
        string raw = final.EndsWith(".gz", StringComparison.Ordinal) ? final[..^3] : final;
        if (Present(dataset, file, final, raw) || LockFolder(dataset) && Present(dataset, file, final, raw)) return;
        Directory.CreateDirectory(folder);
        string partial = final + ".partial";
        string? verified = Download(dataset, file, partial, file.MaxBytes, url =>
        {
            string actual = Hash(() => ContentHash.Compute(partial));
            return actual == file.ContentSha256
                ? null
                : $"{url}: checksum mismatch: expected SHA-256 {file.ContentSha256} of the decompressed content, got {actual}; the download was deleted";
        });
        File.Move(partial, final);
        ContentHash.Remember(final, file.ContentSha256);
        log.WriteLine($"{dataset.Name}/{file.Name}: {verified}");
    }

    private void FetchArchive(OfficialDataset dataset)
    {
        string folder = Path.Combine(dataDirectory, dataset.Folder);
        if (Directory.Exists(folder) || LockFolder(dataset) && Directory.Exists(folder))
        {
            log.WriteLine($"{dataset.Name}: {DataCheck.Check(dataset, dataDirectory).Summary}");
            return;
        }
        var archive = dataset.Files.Single();
        string partial = Path.Combine(dataDirectory, archive.Name + ".partial");
        string? verified = Download(dataset, archive, partial, archive.Size, url =>
        {
            long size = new FileInfo(partial).Length;
            if (archive.Size is { } expectedSize && size != expectedSize)
                return $"{url}: size mismatch: expected {expectedSize} bytes, got {size}; the download was deleted";
            var (sha256, md5) = ArchiveHashes(partial);
            if (sha256 != archive.ContentSha256)
                return $"{url}: checksum mismatch: expected SHA-256 {archive.ContentSha256}, got {sha256}; the download was deleted";
            if (archive.Md5 is { } expectedMd5 && md5 != expectedMd5)
                return $"{url}: checksum mismatch: expected MD5 {expectedMd5}, got {md5}; the download was deleted";
            return null;
        });
        Extract(dataset, partial, folder);
        File.Delete(partial);
        log.WriteLine($"{dataset.Name}/{archive.Name}: {verified}, unpacked into {folder}");
    }

    /// <summary>
    /// Tries each source until one delivers; <paramref name="problem"/> checks the bytes (null: fine). Returns a phrase
    /// for the log. A partial file from an earlier attempt is resumed only from the same URL (recorded beside it).
    /// </summary>
    private string Download(OfficialDataset dataset, OfficialFile file, string partial, long? cap, Func<string, string?> problem)
    {
        string origin = partial + ".url";
        var failures = new List<string>();
        foreach (var source in Sources(dataset))
        {
            string url = SourceUrl.Join(source, file.Name);
            if (File.Exists(partial) && (!File.Exists(origin) || File.ReadAllText(origin) != url))
                File.Delete(partial);
            File.WriteAllText(origin, url);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (downloader.Download(url, partial, file.Name, cap) is { } failure)
            {
                log.WriteLine($"{dataset.Name}/{file.Name}: {url}: {failure}; trying the next source");
                failures.Add(failure);
                if (!File.Exists(partial) || new FileInfo(partial).Length == 0) File.Delete(origin);
                continue;
            }
            double seconds = clock.Elapsed.TotalSeconds;
            if (problem(url) is { } bad)
            {
                File.Delete(partial);
                File.Delete(origin);
                throw new DataFetchException(bad);
            }
            File.Delete(origin);
            long bytes = new FileInfo(partial).Length;
            return $"{DownloadProgress.Megabytes(bytes)} MB from {url} in {seconds:F1} s ({DownloadProgress.Megabytes((long)(bytes / Math.Max(seconds, 1e-3)))} MB/s), verified";
        }
        throw new DataFetchException($"{dataset.Name}/{file.Name}: no source had it ({string.Join("; ", failures.Distinct())}); "
                                     + $"give a mirror (--mirror URL or {MirrorsVariable}) or put the files in {Path.Combine(dataDirectory, dataset.Folder)}");
    }

    /// <summary>Whether the file is there already, verified by its content (a file that differs stops the fetch).</summary>
    private bool Present(OfficialDataset dataset, OfficialFile file, string final, string raw)
    {
        foreach (var present in new[] { final, raw }.Distinct().Where(File.Exists))
        {
            string hash = ContentHash.Verified(present);
            if (hash != file.ContentSha256)
                throw new DataFetchException($"{present}: present but its content SHA-256 is {hash}, not the official {file.ContentSha256}; move it away to fetch a fresh copy");
            log.WriteLine($"{dataset.Name}/{file.Name}: present, verified");
            return true;
        }
        return false;
    }

    private static string Hash(Func<string> compute)
    {
        try
        {
            return compute();
        }
        catch (DataFormatException)
        {
            return "nothing (a corrupt or truncated gzip stream)";
        }
    }

    private static (string Sha256, string Md5) ArchiveHashes(string path)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            md5.AppendData(buffer, 0, read);
        }
        return (Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
    }

    /// <summary>
    /// Unpacks only the expected batch files (by bare name, never an entry's path, so nothing lands outside the
    /// folder) into a staging folder, checks each is whole records, and renames the folder into place.
    /// </summary>
    private static void Extract(OfficialDataset dataset, string archivePath, string folder)
    {
        string staging = folder + ".partial";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var wanted = new HashSet<string>(dataset.ExtractedFiles ?? [], StringComparer.Ordinal) { "batches.meta.txt" };
        using (var gzip = new GZipStream(File.OpenRead(archivePath), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                string name = Path.GetFileName(entry.Name);
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.Contains(name))
                    entry.ExtractToFile(Path.Combine(staging, name), overwrite: true);
            }
        }
        foreach (var name in dataset.ExtractedFiles ?? [])
        {
            string path = Path.Combine(staging, name);
            long size = File.Exists(path) ? new FileInfo(path).Length : -1;
            if (size <= 0 || size % dataset.RecordSize != 0)
            {
                Directory.Delete(staging, recursive: true);
                File.Delete(archivePath);
                throw new DataFetchException($"{archivePath}: {name} is {(size < 0 ? "missing from the archive" : $"{size} bytes, not whole {dataset.RecordSize}-byte records")}; the download was deleted");
            }
            ContentHash.Remember(path, ContentHash.Compute(path));
        }
        Directory.Move(staging, folder);
    }
}
