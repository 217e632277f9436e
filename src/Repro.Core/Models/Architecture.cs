namespace Repro.Core.Models;

public enum Architecture
{
    Mlp,
    Cnn,
    Vgg,
    ResNet,
}
