namespace Repro.Core.Models;

public enum Activation
{
    Relu,
    Tanh,
}
