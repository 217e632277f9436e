namespace Repro.Core.DiagonalNetwork;

/// <summary>
/// The paper's 2-parameter diagonal linear network, L(a, b) = (a·b)², in closed form.
/// The trainer uses autograd; these formulas are what it is checked against and what Figure 3 plots.
/// </summary>
public static class DiagonalLinearNetwork
{
    public static double Loss(double a, double b) => (a * b) * (a * b);

    /// <summary>H = [[2b², 4ab], [4ab, 2a²]], row-major.</summary>
    public static double[,] Hessian(double a, double b) =>
        new[,] { { 2 * b * b, 4 * a * b }, { 4 * a * b, 2 * a * a } };

    /// <summary>Eigenvalues of the symmetric 2×2 Hessian, largest first.</summary>
    public static (double Largest, double Smallest) HessianEigenvalues(double a, double b)
    {
        var h = Hessian(a, b);
        double mean = (h[0, 0] + h[1, 1]) / 2;
        double radius = Math.Sqrt(Math.Pow((h[0, 0] - h[1, 1]) / 2, 2) + h[0, 1] * h[0, 1]);
        return (mean + radius, mean - radius);
    }

    /// <summary>The learning rate beyond which GD is unstable at (a, b): 2/λ₁.</summary>
    public static double StabilityEdge(double a, double b) => 2 / HessianEigenvalues(a, b).Largest;

    /// <summary>β = |a² − b²| / |4ab|, tied to the orientation of the Hessian's eigenvectors.</summary>
    public static double Beta(double a, double b) => Math.Abs(a * a - b * b) / Math.Abs(4 * a * b);

    /// <summary>
    /// γ_β = |(1 − η²g²) / (1 + η²g² − kηg)| with g = 2ab and k = a/b + b/a: the exact factor by which one
    /// GD step multiplies β (a' = a − ηgb, b' = b − ηga give a'² − b'² = (a² − b²)(1 − η²g²) and
    /// a'b' = ab(1 + η²g² − kηg)). γ_β &lt; 1 marks the unstable regime.
    /// </summary>
    public static double GammaBeta(double a, double b, double learningRate)
    {
        double g = 2 * a * b;
        double k = a / b + b / a;
        double etaG = learningRate * g;
        return Math.Abs((1 - etaG * etaG) / (1 + etaG * etaG - k * etaG));
    }
}
