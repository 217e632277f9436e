namespace Repro.Core.Tests;

/// <summary>libtorch's choice of CPU kernels, as DispatchStub.cpp makes it: an exact, known request, else the best the CPU has.</summary>
public class CpuCapabilityTests
{
    private static readonly HashSet<string> Avx512 = ["fma", "avx2", "avx512f", "avx512vl", "avx512bw", "avx512dq"];
    private static readonly HashSet<string> Avx2 = ["fma", "avx2"];

    [Theory]
    [InlineData(null, "avx512", "avx512")]
    [InlineData("avx2", "avx512", "avx2")]
    [InlineData("AVX2", "avx512", "avx512")]     // libtorch compares with strcmp: not a known value, ignored
    [InlineData("default", "avx512", "default")]
    [InlineData("nonsense", "avx2", "avx2")]
    [InlineData(null, "none", "default")]
    public void RequestIsCappedAtWhatTheCpuSupports(string? requested, string cpu, string expected)
    {
        var flags = cpu switch { "avx512" => Avx512, "avx2" => Avx2, _ => new HashSet<string> { "sse4_2" } };
        Assert.Equal(expected, CpuCapability.Resolve(requested, flags));
    }

    [Fact]
    public void AvxFiveTwelveNeedsAllFourFlags() =>
        Assert.Equal("avx2", CpuCapability.Resolve(null, new HashSet<string>(Avx512.Where(f => f != "avx512dq"))));
}
