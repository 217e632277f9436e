namespace Repro.Core.Data;

/// <summary>A data file is missing, truncated or not what its name says; the message is one line naming the file.</summary>
public sealed class DataFormatException(string message) : Exception(message);
