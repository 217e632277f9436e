namespace Repro.Pipeline.Specs;

public enum FieldKind { Text, Integer, Number, NumberList, Boolean, TextSet }
