namespace Repro.Core.Data;

/// <summary>The data sets a run can name.</summary>
public static class DatasetCatalog
{
    public const string FashionMnistName = "fashion-mnist";
    public const string Cifar10Name = "cifar10";

    public static ImageSet Read(string name, string dataDirectory, DataSplit split) => Canonical(name) switch
    {
        FashionMnistName => FashionMnist.Read(dataDirectory, split),
        Cifar10Name => Cifar10.Read(dataDirectory, split),
        _ => throw new ArgumentException($"unknown dataset '{name}' (known: {FashionMnistName}, {Cifar10Name})"),
    };

    /// <summary>Both splits, which must hold images of one shape: a model is built for one input shape.</summary>
    public static (ImageSet Train, ImageSet Test) ReadBoth(string name, string dataDirectory)
    {
        var train = Read(name, dataDirectory, DataSplit.Train);
        var test = Read(name, dataDirectory, DataSplit.Test);
        if ((train.Channels, train.Height, train.Width) != (test.Channels, test.Height, test.Width))
            throw new DataFormatException($"{Folder(name, dataDirectory)}: training images are {Shape(train)} but test images are {Shape(test)}; "
                                          + "both splits must come from one data set");
        return (train, test);
    }

    /// <summary>Every file a run reading both splits opens, in a fixed order; throws naming the first one missing.</summary>
    public static IReadOnlyList<string> Files(string name, string dataDirectory) => Canonical(name) switch
    {
        FashionMnistName => FashionMnist.Files(dataDirectory),
        Cifar10Name => Cifar10.Files(dataDirectory),
        _ => throw new ArgumentException($"unknown dataset '{name}' (known: {FashionMnistName}, {Cifar10Name})"),
    };

    private static string Shape(ImageSet images) => $"{images.Channels}x{images.Height}x{images.Width}";

    /// <summary>The folder holding every file the data set is read from.</summary>
    public static string Folder(string name, string dataDirectory) => Canonical(name) switch
    {
        FashionMnistName => Path.Combine(dataDirectory, FashionMnist.FolderName),
        Cifar10Name => Path.Combine(dataDirectory, Cifar10.FolderName),
        _ => throw new ArgumentException($"unknown dataset '{name}' (known: {FashionMnistName}, {Cifar10Name})"),
    };

    public static string Canonical(string name) => name.ToLowerInvariant() switch
    {
        "fashion-mnist" or "fashion_mnist" or "fashionmnist" => FashionMnistName,
        "cifar10" or "cifar-10" => Cifar10Name,
        var other => other,
    };
}
