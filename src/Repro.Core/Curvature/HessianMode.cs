namespace Repro.Core.Curvature;

/// <summary>
/// Which network the Hessian is taken of. Eval (the authors' convention, and the figures'): batch norm on its running
/// statistics, a fixed function of θ. Train: batch norm on the statistics of each Hessian-set chunk, the function
/// gradient descent differentiates when the chunk is its batch; the running statistics are left untouched.
/// </summary>
public enum HessianMode
{
    Eval,
    Train,
}
