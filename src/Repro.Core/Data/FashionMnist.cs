using System.Buffers.Binary;
using System.IO.Compression;

namespace Repro.Core.Data;

/// <summary>Fashion-MNIST in the official IDX format, gzip-compressed or raw.</summary>
public static class FashionMnist
{
    public const string FolderName = "fashion-mnist";

    private const string Source = "get it from https://github.com/zalandoresearch/fashion-mnist or Debian's dataset-fashion-mnist package";
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
        var height = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8));
        var width = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12));
        RequireLength(images, imagesFile, imageOffset + (long)imageCount * height * width);

        var labels = ReadAll(labelsFile);
        var (labelCount, labelOffset) = Header(labels, labelsFile, LabelMagic, dimensions: 1);
        RequireLength(labels, labelsFile, labelOffset + labelCount);
        if (labelCount != imageCount)
            throw new DataFormatException($"{labelsFile}: {labelCount} labels for {imageCount} images in {imagesFile}; {Source}");

        var pixels = images.AsSpan(imageOffset, imageCount * height * width).ToArray();
        var labelBytes = labels.AsSpan(labelOffset, labelCount).ToArray();
        if (labelBytes.Any(label => label >= 10))
            throw new DataFormatException($"{labelsFile}: label outside 0-9; {Source}");
        return new ImageSet(pixels, labelBytes, Channels: 1, height, width, ClassCount: 10);
    }

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
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)), offset);
    }

    private static void RequireLength(byte[] bytes, string path, long expected)
    {
        if (bytes.Length < expected)
            throw new DataFormatException($"{path}: truncated, {bytes.Length} bytes where the header promises {expected}; {Source}");
    }
}
