namespace Repro.Core.Data;

/// <summary>CIFAR-10 in the official binary layout: per record one label byte, then 1024 red, green and blue bytes.</summary>
public static class Cifar10
{
    public const string FolderName = "cifar-10-batches-bin";

    private const string Source = "`repro data fetch --dataset cifar10` gets and unpacks the official cifar-10-binary.tar.gz";
    private const int Side = 32;
    private const int RecordLength = 1 + 3 * Side * Side;

    /// <summary>The files a read of both splits opens: the training batches present, then the test batch.</summary>
    public static IReadOnlyList<string> Files(string dataDirectory) =>
        [.. SplitFiles(dataDirectory, DataSplit.Train), .. SplitFiles(dataDirectory, DataSplit.Test)];

    /// <summary>The training split is every <c>data_batch_k.bin</c> present (k = 1..5); the test split is <c>test_batch.bin</c>.</summary>
    public static ImageSet Read(string dataDirectory, DataSplit split)
    {
        var files = SplitFiles(dataDirectory, split);
        var batches = files.Select(file => (File: file, Bytes: File.ReadAllBytes(file))).ToList();
        foreach (var (file, bytes) in batches)
        {
            if (bytes.Length == 0 || bytes.Length % RecordLength != 0)
                throw new DataFormatException($"{file}: {bytes.Length} bytes is not a whole number of {RecordLength}-byte records, so the file is truncated or not a CIFAR-10 binary batch; {Source}");
        }

        var count = batches.Sum(batch => batch.Bytes.Length / RecordLength);
        var pixels = new byte[count * (RecordLength - 1)];
        var labels = new byte[count];
        var index = 0;
        foreach (var (file, bytes) in batches)
        {
            for (var offset = 0; offset < bytes.Length; offset += RecordLength, index++)
            {
                if (bytes[offset] >= 10)
                    throw new DataFormatException($"{file}: label {bytes[offset]} at byte {offset} is outside 0-9, not a CIFAR-10 binary batch; {Source}");
                labels[index] = bytes[offset];
                Array.Copy(bytes, offset + 1, pixels, (long)index * (RecordLength - 1), RecordLength - 1);
            }
        }
        return new ImageSet(pixels, labels, Channels: 3, Side, Side, ClassCount: 10);
    }

    private static List<string> SplitFiles(string dataDirectory, DataSplit split)
    {
        var folder = Path.Combine(dataDirectory, FolderName);
        var files = split == DataSplit.Test
            ? new List<string> { Path.Combine(folder, "test_batch.bin") }
            : Enumerable.Range(1, 5).Select(k => Path.Combine(folder, $"data_batch_{k}.bin")).Where(File.Exists).ToList();
        if (files.Count == 0 || !File.Exists(files[0]))
            throw new DataFormatException($"{(files.Count == 0 ? Path.Combine(folder, "data_batch_1.bin") : files[0])}: file not found; {Source}");
        return files;
    }
}
