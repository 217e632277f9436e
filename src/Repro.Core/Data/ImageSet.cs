namespace Repro.Core.Data;

/// <summary>Raw images as read from disk: bytes 0-255, channel-major (C, H, W) per image, one label byte each.</summary>
public sealed record ImageSet(byte[] Pixels, byte[] Labels, int Channels, int Height, int Width, int ClassCount)
{
    public int Count => Labels.Length;

    public int ImageSize => Channels * Height * Width;

    /// <summary>The images at the given indices, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        var pixels = new byte[indices.Count * ImageSize];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Array.Copy(Pixels, (long)indices[i] * ImageSize, pixels, (long)i * ImageSize, ImageSize);
            labels[i] = Labels[indices[i]];
        }
        return this with { Pixels = pixels, Labels = labels };
    }
}
