using Repro.Core.Data;

namespace Repro.Pipeline.Datasets;

/// <summary>What a data folder holds of one data set, as <c>repro data verify</c> reports it.</summary>
/// <param name="Present">Every file a run reads is there.</param>
/// <param name="Mismatch">A file is there but is not the official content: the data folder is not what it claims.</param>
public sealed record DataCheck(string Dataset, bool Present, bool Mismatch, string Summary)
{
    public static DataCheck Check(OfficialDataset dataset, string dataDirectory)
    {
        string folder = Path.Combine(dataDirectory, dataset.Folder);
        if (!Directory.Exists(folder))
            return new(dataset.Name, false, false, $"not present in {dataDirectory}; `repro data fetch --dataset {dataset.Name}` gets it");
        return dataset.Archive ? CheckBatches(dataset, folder) : CheckFiles(dataset, folder);
    }

    private static DataCheck CheckFiles(OfficialDataset dataset, string folder)
    {
        var problems = new List<string>();
        int verified = 0, missing = 0;
        foreach (var file in dataset.Files)
        {
            string gz = Path.Combine(folder, file.Name);
            string? path = new[] { gz, gz.EndsWith(".gz", StringComparison.Ordinal) ? gz[..^3] : gz }.FirstOrDefault(File.Exists);
            if (path is null) { missing++; continue; }
            string hash;
            try
            {
                hash = ContentHash.Verified(path);
            }
            catch (DataFormatException e)
            {
                problems.Add(e.Message);
                continue;
            }
            if (hash == file.ContentSha256) verified++;
            else problems.Add($"{path}: content SHA-256 {hash}, official {file.ContentSha256}");
        }
        if (problems.Count > 0)
            return new(dataset.Name, missing == 0, true, $"DIFFERS from the official release: {string.Join("; ", problems)}");
        if (missing > 0)
            return new(dataset.Name, false, false, $"{missing} of {dataset.Files.Count} files missing in {folder}; `repro data fetch --dataset {dataset.Name}` gets them");
        return new(dataset.Name, true, false, $"{verified} files in {folder}, each verified against the official decompressed SHA-256");
    }

    /// <summary>
    /// CIFAR-10's authors publish a checksum of the archive only, so unpacked batches can be checked for their layout,
    /// not their content. A folder that is not the official layout (e.g. a subset) is reported and used as is.
    /// </summary>
    private static DataCheck CheckBatches(OfficialDataset dataset, string folder)
    {
        const int RecordsPerBatch = 10_000;
        var counts = new Dictionary<string, long>();
        foreach (var name in dataset.ExtractedFiles ?? [])
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path)) counts[name] = new FileInfo(path).Length;
        }
        var broken = counts.Where(c => c.Value % dataset.RecordSize != 0).Select(c => c.Key).ToList();
        if (broken.Count > 0)
            return new(dataset.Name, true, true, $"DAMAGED: {string.Join(", ", broken)} in {folder} not whole {dataset.RecordSize}-byte records");
        long train = counts.Where(c => c.Key.StartsWith("data_batch_", StringComparison.Ordinal)).Sum(c => c.Value) / dataset.RecordSize;
        long test = counts.GetValueOrDefault("test_batch.bin") / dataset.RecordSize;
        bool present = counts.ContainsKey("test_batch.bin") && counts.ContainsKey("data_batch_1.bin");
        if (!present)
            return new(dataset.Name, false, false, $"incomplete in {folder} (needs data_batch_1.bin and test_batch.bin); `repro data fetch --dataset {dataset.Name}` gets it");
        bool official = counts.Count == dataset.ExtractedFiles!.Count && counts.Values.All(size => size == RecordsPerBatch * dataset.RecordSize);
        return official
            ? new(dataset.Name, true, false, $"{train} training and {test} test records in {folder}, the official layout (the authors publish a checksum of the archive only, checked when it was fetched)")
            : new(dataset.Name, true, false, $"a local copy in {folder}: {train} training and {test} test records (the official set has 50000 and 10000), not checkable against the official archive; used as is");
    }
}
