namespace Repro.Core.Data;

/// <summary>The training subsets the paper's setups use: the first n images, or n images balanced over classes.</summary>
public static class ImageSubset
{
    public static ImageSet First(ImageSet images, int count)
    {
        RequireAvailable(images, count);
        return images.Select(Enumerable.Range(0, count).ToArray());
    }

    /// <summary>
    /// count / classes images of each class (the remainder to the lowest classes), drawn with the seed and kept
    /// in file order so classes stay interleaved.
    /// </summary>
    public static ImageSet ClassBalanced(ImageSet images, int count, int seed)
    {
        RequireAvailable(images, count);
        var random = new Random(seed);
        var chosen = new List<int>(count);
        for (var label = 0; label < images.ClassCount; label++)
        {
            var wanted = count / images.ClassCount + (label < count % images.ClassCount ? 1 : 0);
            var members = Enumerable.Range(0, images.Count).Where(i => images.Labels[i] == label).ToArray();
            if (members.Length < wanted)
                throw new ArgumentException($"class {label} has {members.Length} images, {wanted} wanted for a balanced subset of {count}");
            random.Shuffle(members);
            chosen.AddRange(members.Take(wanted));
        }
        chosen.Sort();
        return images.Select(chosen);
    }

    private static void RequireAvailable(ImageSet images, int count)
    {
        if (count < 1 || count > images.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"subset of {count} asked from {images.Count} images");
    }
}
