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
