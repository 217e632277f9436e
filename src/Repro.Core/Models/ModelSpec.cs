namespace Repro.Core.Models;

/// <summary>
/// A network to build. Depth and Width are the MLP's hidden layers and their width, the CNN's channel count,
/// and the base width of the VGG- and ResNet-style nets (doubling per block or stage).
/// </summary>
public sealed record ModelSpec(Architecture Architecture, int Depth = 3, int Width = 32, Activation Activation = Activation.Relu);
