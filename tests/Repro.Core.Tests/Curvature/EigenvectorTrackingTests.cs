using Repro.Core.Curvature;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

public class EigenvectorTrackingTests
{
    [Fact]
    public void RotationCosineIsOneForVAndMinusVAndZeroForOrthogonalVectors()
    {
        var v = randn(20, float64, generator: new Generator(1));
        var w = randn(20, float64, generator: new Generator(2));
        var orthogonal = w - v * (v.dot(w) / v.dot(v));

        Assert.Equal(1.0, EigenvectorTracking.RotationCosine(v, v), 12);
        Assert.Equal(1.0, EigenvectorTracking.RotationCosine(v, -v), 12);
        Assert.Equal(1.0, EigenvectorTracking.RotationCosine(v, 3 * v), 12);
        Assert.Equal(0.0, EigenvectorTracking.RotationCosine(v, orthogonal), 12);
        Assert.Equal(Math.Sqrt(0.5), EigenvectorTracking.RotationCosine(tensor(new[] { 1.0, 0 }), tensor(new[] { 1.0, -1 })), 12);
    }

    [Fact]
    public void SubspaceSimilarityIsOneForARotatedBasisAndZeroForOrthogonalSubspaces()
    {
        var (q, _) = linalg.qr(randn(30, 6, float64, generator: new Generator(3)));
        var basis = q.T[..3];
        var other = q.T[3..];
        var (rotation, _) = linalg.qr(randn(3, 3, float64, generator: new Generator(4)));
        var rotated = rotation.matmul(basis);

        Assert.Equal(1.0, EigenvectorTracking.SubspaceSimilarity(basis, rotated), 10);
        Assert.Equal(1.0, EigenvectorTracking.SubspaceSimilarity(basis, -basis), 10);
        Assert.Equal(0.0, EigenvectorTracking.SubspaceSimilarity(basis, other), 10);
        Assert.Equal([1.0, 1.0, 1.0], EigenvectorTracking.PrincipalCosines(basis, rotated).Select(c => Math.Round(c, 10)));
    }

    [Fact]
    public void SubspaceSimilarityIsTheMeanSquaredPrincipalCosine()
    {
        // span{e1, e2} against span{e1, (e2 + e3)/√2}: principal cosines 1 and 1/√2, similarity (1 + ½)/2.
        var u = tensor(new double[] { 1, 0, 0, 0, 1, 0 }).reshape(2, 3);
        var w = tensor(new[] { 1, 0, 0, 0, Math.Sqrt(0.5), Math.Sqrt(0.5) }).reshape(2, 3);

        Assert.Equal(0.75, EigenvectorTracking.SubspaceSimilarity(u, w), 12);
    }

    [Fact]
    public void LargestPrincipalSineIgnoresASwapWithinTheSubspaceAndMeasuresATiltOutOfIt()
    {
        var (q, _) = linalg.qr(randn(30, 3, float64, generator: new Generator(5)));
        var (e0, e1, e2) = (q.T[0], q.T[1], q.T[2]);
        const double angle = 0.2;
        var tilted = Math.Cos(angle) * e1 + Math.Sin(angle) * e2;

        // Two eigenvectors swapping order: the same plane, while 1 − |cos| of the leading one is 1.
        Assert.Equal(0.0, EigenvectorTracking.LargestPrincipalSine(stack([e0, e1]), stack([e1, -e0])), 12);
        Assert.Equal(1.0, 1 - EigenvectorTracking.RotationCosine(e0, e1), 12);
        Assert.Equal(Math.Sin(angle), EigenvectorTracking.LargestPrincipalSine(stack([e0, tilted]), stack([e0, e1])), 12);
        // A vector against a subspace: the sine of its angle to its projection; inside the subspace, 0.
        Assert.Equal(Math.Sin(angle), EigenvectorTracking.LargestPrincipalSine(tilted, stack([e0, e1])), 12);
        Assert.Equal(0.0, EigenvectorTracking.LargestPrincipalSine((e0 + e1) * 3, stack([e0, e1])), 12);
        Assert.Equal(1.0, EigenvectorTracking.LargestPrincipalSine(e2, stack([e0, e1])), 12);
        // Small angles keep their digits (√(1 − cos²) would lose them below ~1e-8).
        var tiny = Math.Cos(1e-10) * e1 + Math.Sin(1e-10) * e2;
        Assert.Equal(1e-10, EigenvectorTracking.LargestPrincipalSine(tiny, stack([e0, e1])), 1e-15);
        Assert.Throws<ArgumentException>(() => EigenvectorTracking.LargestPrincipalSine(stack([e0, e1]), e2));
    }

    [Fact]
    public void ParameterDistanceIsTheEuclideanNormOfTheDifference()
    {
        var theta = tensor(new float[] { 1, 2, 3 });
        var reference = tensor(new double[] { 1, -2, 0 });

        Assert.Equal(5.0, EigenvectorTracking.ParameterDistance(theta, reference), 6);
        Assert.Equal(0.0, EigenvectorTracking.ParameterDistance(theta, theta), 12);
    }
}
