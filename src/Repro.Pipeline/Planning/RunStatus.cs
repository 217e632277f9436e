namespace Repro.Pipeline.Planning;

public enum RunStatus { Cached, Missing, Stale }
