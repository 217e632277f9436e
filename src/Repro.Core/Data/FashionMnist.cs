using System.Buffers.Binary;
using System.IO.Compression;

namespace Repro.Core.Data;

/// <summary>Fashion-MNIST in the official IDX format, gzip-compressed or raw.</summary>
public static class FashionMnist
{
    public const string FolderName = "fashion-mnist";

    private const string Source = "`repro data fetch --dataset fashion-mnist` gets the official files (or Debian's dataset-fashion-mnist package)";
    private const int ImageMagic = 0x00000803;
    private const int LabelMagic = 0x00000801;

    public static ImageSet Read(string dataDirectory, DataSplit split)
    {
        var prefix = split == DataSplit.Train ? "train" : "t10k";
        var folder = Path.Combine(dataDirectory, FolderName);
        var imagesFile = Locate(folder, $"{prefix}-images-idx3-ubyte");
        var labelsFile = Locate(folder, $"{prefix}-labels-idx1-ubyte");

        var images = ReadAll(imagesFile);
        var (imageCount, imageOffset) = Header(images, imagesFile, ImageMagic, dimensions: 3);
        var height = Dimension(images, imagesFile, 1);
        var width = Dimension(images, imagesFile, 2);
        RequireLength(images, imagesFile, imageOffset + (long)imageCount * height * width);

        var labels = ReadAll(labelsFile);
        var (labelCount, labelOffset) = Header(labels, labelsFile, LabelMagic, dimensions: 1);
        RequireLength(labels, labelsFile, labelOffset + labelCount);
        if (labelCount != imageCount)
            throw new DataFormatException($"{labelsFile}: {labelCount} labels for {imageCount} images in {imagesFile}; {Source}");

        var pixels = images.AsSpan(imageOffset, checked(imageCount * height * width)).ToArray();
        var labelBytes = labels.AsSpan(labelOffset, labelCount).ToArray();
        if (labelBytes.Any(label => label >= 10))
            throw new DataFormatException($"{labelsFile}: label outside 0-9; {Source}");
        return new ImageSet(pixels, labelBytes, Channels: 1, height, width, ClassCount: 10);
    }

    /// <summary>The files a read of both splits opens (a raw file where no <c>.gz</c> is present), or the first one missing.</summary>
    public static IReadOnlyList<string> Files(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, FolderName);
        return FileNames.Select(name => Locate(folder, name)).ToList();
    }

    /// <summary>The four official IDX files, without the <c>.gz</c> they are published with.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    private static string Locate(string folder, string name)
    {
        foreach (var candidate in new[] { name + ".gz", name })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
                return path;
        }
        throw new DataFormatException($"{Path.Combine(folder, name + ".gz")}: file not found; {Source}");
    }

    private static byte[] ReadAll(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
            return bytes;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataFormatException($"{path}: corrupt or truncated gzip stream ({e.Message.TrimEnd('.')}); {Source}");
        }
    }

    private static (int Count, int Offset) Header(byte[] bytes, string path, int magic, int dimensions)
    {
        var offset = 4 + 4 * dimensions;
        RequireLength(bytes, path, offset);
        var found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic)
            throw new DataFormatException($"{path}: wrong magic number 0x{found:x8} (expected 0x{magic:x8}), not an IDX file of this kind; {Source}");
        return (Dimension(bytes, path, 0), offset);
    }

    /// <summary>The header's dimension <paramref name="index"/>, which must be positive (IDX stores them as signed 32-bit).</summary>
    private static int Dimension(byte[] bytes, string path, int index)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * index));
        if (value <= 0)
            throw new DataFormatException($"{path}: IDX header gives dimension {index} as {value}, not a positive size, so the file is corrupt; {Source}");
        return value;
    }

    private static void RequireLength(byte[] bytes, string path, long expected)
    {
        if (bytes.Length < expected)
            throw new DataFormatException($"{path}: truncated, {bytes.Length} bytes where the header promises {expected}; {Source}");
    }
}
