using TorchSharp;

namespace Repro.Core.Training;

/// <summary>Something that knows v₁, the leading Hessian eigenvector of its latest measurement (flat, detached), or null.</summary>
public interface ILeadingEigenvectorSource
{
    torch.Tensor? LeadingEigenvector { get; }
}
