// Linked into every test project (see tests/Directory.Build.props): the data the tests read, written by the tests.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Repro;

/// <summary>
/// Small data sets in the official formats, made by the test process itself (no download, no ../shared):
/// Fashion-MNIST as gzip IDX files (1,000 training and 200 test 28x28 images) and CIFAR-10 as binary batches
/// (200 training and 200 test records). Each class is a fixed random template plus noise, so models learn them
/// and curvature behaves as on real images, and every byte is deterministic.
/// </summary>
public static class TestData
{
    public const int FashionTrainCount = 1000;
    public const int FashionTestCount = 200;
    public const int CifarCount = 200;

    private static readonly Lazy<string> Folder = new(Create);

    /// <summary>A data folder holding fashion-mnist/ and cifar-10-batches-bin/, written once per test process.</summary>
    public static string Directory => Folder.Value;

    /// <summary>The label of image <paramref name="index"/> in every fixture: classes interleaved, each equally often.</summary>
    public static byte Label(int index) => (byte)((index * 3 + 7) % 10);

    /// <summary>An IDX file: magic 0x0000080N (N dimensions of unsigned bytes), big-endian dimensions, then the data.</summary>
    public static byte[] Idx(int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x0800 + dimensions.Length);
        for (var i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level)) gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>The four Fashion-MNIST files (decompressed IDX content) by official name without <c>.gz</c>.</summary>
    public static IReadOnlyDictionary<string, byte[]> FashionMnistContent(int train = FashionTrainCount, int test = FashionTestCount) => new Dictionary<string, byte[]>
    {
        ["train-images-idx3-ubyte"] = Idx([train, 28, 28], Images(train, 784, seed: 1)),
        ["train-labels-idx1-ubyte"] = Idx([train], Labels(train)),
        ["t10k-images-idx3-ubyte"] = Idx([test, 28, 28], Images(test, 784, seed: 2)),
        ["t10k-labels-idx1-ubyte"] = Idx([test], Labels(test)),
    };

    /// <summary>Writes the Fashion-MNIST fixture as <c>DIR/fashion-mnist/*.gz</c> at the given compression.</summary>
    public static void WriteFashionMnist(string dataDirectory, CompressionLevel level = CompressionLevel.Optimal)
    {
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(dataDirectory, "fashion-mnist")).FullName;
        foreach (var (name, content) in FashionMnistContent())
            File.WriteAllBytes(Path.Combine(folder, name + ".gz"), Gzip(content, level));
    }

    /// <summary>A CIFAR-10 binary batch: per record a label byte, then 3x32x32 pixel bytes.</summary>
    public static byte[] CifarBatch(int count, int seed)
    {
        var pixels = Images(count, 3072, seed);
        var batch = new byte[count * 3073];
        for (var i = 0; i < count; i++)
        {
            batch[i * 3073] = Label(i);
            Array.Copy(pixels, i * 3072, batch, i * 3073 + 1, 3072);
        }
        return batch;
    }

    private static string Create()
    {
        var root = new TemporaryFolder("repro-test-data-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { root.Dispose(); } catch (IOException) { }
        };
        WriteFashionMnist(root.Path);
        var cifar = System.IO.Directory.CreateDirectory(root.Combine("cifar-10-batches-bin")).FullName;
        File.WriteAllBytes(Path.Combine(cifar, "data_batch_1.bin"), CifarBatch(CifarCount, seed: 3));
        File.WriteAllBytes(Path.Combine(cifar, "test_batch.bin"), CifarBatch(CifarCount, seed: 4));
        return root.Path;
    }

    private const double Shared = 0.6;
    private const double Signal = 0.04;
    private const double Noise = 0.6;

    private static byte[] Labels(int count) => Enumerable.Range(0, count).Select(Label).ToArray();

    /// <summary>
    /// Image i: a shared pattern at a per-image strength (as brightness dominates real images' first principal
    /// component), its class's template, and pixel noise, in 0..255. Fixed seeds: every byte is deterministic.
    /// </summary>
    private static byte[] Images(int count, int size, int seed)
    {
        var templates = new Random(12345 + size);
        var shared = Enumerable.Range(0, size).Select(_ => templates.NextDouble() - 0.5).ToArray();
        var classTemplates = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, size).Select(_ => templates.NextDouble() - 0.5).ToArray()).ToArray();
        var random = new Random(seed);
        var pixels = new byte[count * size];
        for (var i = 0; i < count; i++)
        {
            var template = classTemplates[Label(i)];
            double strength = 2 * random.NextDouble() - 1;
            for (var p = 0; p < size; p++)
                pixels[i * size + p] = (byte)Math.Clamp(255 * (0.5 + Shared * strength * shared[p] + Signal * template[p] + Noise * (random.NextDouble() - 0.5)), 0, 255);
        }
        return pixels;
    }
}
