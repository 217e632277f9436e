using System.Runtime.InteropServices;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>Named tensors in one binary file, bytes exactly as in memory, so a restored run continues bit for bit.</summary>
public static class TensorArchive
{
    private const string Magic = "REPRO-TENSORS-1";

    /// <summary>Writes to a temporary file beside the target and renames it, so a crash never leaves half a file.</summary>
    public static void Write(string path, IEnumerable<(string Name, torch.Tensor Tensor)> tensors)
    {
        var temporary = path + ".partial";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            var list = tensors.ToList();
            writer.Write(Magic);
            writer.Write(list.Count);
            foreach (var (name, tensor) in list)
            {
                writer.Write(name);
                writer.Write((int)tensor.dtype);
                writer.Write(tensor.dim());
                foreach (var size in tensor.shape)
                    writer.Write(size);
                writer.Write(Bytes(tensor));
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static Dictionary<string, torch.Tensor> Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic)
            throw new InvalidDataException($"{path}: not a tensor archive written by this engine");
        var count = reader.ReadInt32();
        var tensors = new Dictionary<string, torch.Tensor>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var type = (torch.ScalarType)reader.ReadInt32();
            var shape = new long[reader.ReadInt64()];
            for (var d = 0; d < shape.Length; d++)
                shape[d] = reader.ReadInt64();
            tensors[name] = FromBytes(reader, type, shape);
        }
        return tensors;
    }

    private static byte[] Bytes(torch.Tensor tensor)
    {
        using var flat = tensor.detach().cpu().contiguous().reshape(-1);
        return tensor.dtype switch
        {
            torch.ScalarType.Float32 => MemoryMarshal.AsBytes<float>(flat.data<float>().ToArray()).ToArray(),
            torch.ScalarType.Float64 => MemoryMarshal.AsBytes<double>(flat.data<double>().ToArray()).ToArray(),
            torch.ScalarType.Int64 => MemoryMarshal.AsBytes<long>(flat.data<long>().ToArray()).ToArray(),
            _ => throw new NotSupportedException($"tensor type {tensor.dtype} in an archive"),
        };
    }

    private static torch.Tensor FromBytes(BinaryReader reader, torch.ScalarType type, long[] shape)
    {
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        return type switch
        {
            torch.ScalarType.Float32 => torch.tensor(MemoryMarshal.Cast<byte, float>(reader.ReadBytes(checked((int)elements * 4))).ToArray(), shape),
            torch.ScalarType.Float64 => torch.tensor(MemoryMarshal.Cast<byte, double>(reader.ReadBytes(checked((int)elements * 8))).ToArray(), shape),
            torch.ScalarType.Int64 => torch.tensor(MemoryMarshal.Cast<byte, long>(reader.ReadBytes(checked((int)elements * 8))).ToArray(), shape),
            _ => throw new NotSupportedException($"tensor type {type} in an archive"),
        };
    }
}
