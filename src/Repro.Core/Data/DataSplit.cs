namespace Repro.Core.Data;

public enum DataSplit
{
    Train,
    Test,
}
