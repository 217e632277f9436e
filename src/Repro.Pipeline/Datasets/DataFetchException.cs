namespace Repro.Pipeline.Datasets;

/// <summary>A data set could not be fetched or did not verify; the message is one line naming the URL or file.</summary>
public sealed class DataFetchException(string message) : InvalidOperationException(message);
