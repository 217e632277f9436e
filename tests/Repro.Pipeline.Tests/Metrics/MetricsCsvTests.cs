using Microsoft.Data.Analysis;
using Repro.Pipeline.Metrics;

namespace Repro.Pipeline.Tests.Metrics;

public sealed class MetricsCsvTests : IDisposable
{
    private readonly TemporaryFolder folder = new("repro-metrics-");

    private string CsvPath => folder.Combine("metrics.csv");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void RoundTripKeepsEveryDoubleBitForBitAndEmptyCellsAsMissing()
    {
        double[] loss = [0.1, 1.0 / 3, 1e-300, double.PositiveInfinity, double.NaN];
        double?[] sharpness = [200.0802, null, 2.0 / 0.011, null, 1e10];
        var frame = new DataFrame(
            new Int32DataFrameColumn(MetricColumns.Step, [0, 1, 2, 3, 4]),
            new DoubleDataFrameColumn(MetricColumns.TrainLoss, loss),
            new DoubleDataFrameColumn(MetricColumns.Sharpness, sharpness));
        MetricsCsv.Save(frame, CsvPath);

        var text = File.ReadAllLines(CsvPath);
        Assert.Equal("step,train_loss,sharpness", text[0]);
        Assert.Matches(@"^1,0\.33333333333333\d*,$", text[2]);   // invariant culture, round-trip digits, empty cell for a missing value

        var back = MetricsCsv.Load(CsvPath);
        Assert.IsType<Int32DataFrameColumn>(back.Columns[MetricColumns.Step]);
        Assert.Equal(loss, MetricsCsv.Doubles(back, MetricColumns.TrainLoss));
        var s = MetricsCsv.Doubles(back, MetricColumns.Sharpness);
        Assert.Equal(200.0802, s[0]);
        Assert.True(double.IsNaN(s[1]));
        Assert.Equal(2.0 / 0.011, s[2]);
    }
}
