using TorchSharp;
using static TorchSharp.torch.nn;

namespace Repro.Core.Models;

/// <summary>Fully connected net on flattened inputs: depth hidden layers of the same width, then a linear read-out.</summary>
public sealed class Mlp : Module<torch.Tensor, torch.Tensor>
{
    private readonly Module<torch.Tensor, torch.Tensor> layers;

    public Mlp(int inputs, int depth, int width, Activation activation, int outputs) : base(nameof(Mlp))
    {
        var modules = new List<Module<torch.Tensor, torch.Tensor>> { Flatten() };
        for (var layer = 0; layer < depth; layer++)
        {
            modules.Add(Linear(layer == 0 ? inputs : width, width));
            modules.Add(Layers.Nonlinearity(activation));
        }
        modules.Add(Linear(depth == 0 ? inputs : width, outputs));
        layers = Sequential(modules);
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input) => layers.forward(input);
}
