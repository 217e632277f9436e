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

    /// <summary>Reads an archive; an empty, truncated or foreign file is an <see cref="InvalidDataException"/>, never a crash.</summary>
    public static Dictionary<string, torch.Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var tensors = new Dictionary<string, torch.Tensor>();
        try
        {
            if (reader.ReadString() != Magic)
                throw new InvalidDataException($"{path}: not a tensor archive written by this engine");
            var count = reader.ReadInt32();
            if (count < 0) throw new InvalidDataException($"{path}: corrupt tensor archive (count {count})");
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var type = (torch.ScalarType)reader.ReadInt32();
                long rank = reader.ReadInt64();
                if (rank is < 0 or > 16) throw new InvalidDataException($"{path}: corrupt tensor archive (rank {rank})");
                var shape = new long[rank];
                for (var d = 0; d < shape.Length; d++)
                    shape[d] = reader.ReadInt64();
                // The sizes must fit in what is left of the file: a damaged header never allocates more than the file holds.
                long remaining = stream.Length - stream.Position;
                if (shape.Any(s => s < 0) || shape.Aggregate(1.0, (a, b) => a * b) * ElementSize(type) > remaining)
                    throw new InvalidDataException($"{path}: truncated or corrupt tensor archive ('{name}')");
                tensors[name] = FromBytes(reader, type, shape);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw new InvalidDataException($"{path}: truncated tensor archive");
        }
        catch (InvalidDataException)
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
        return tensors;
    }

    private static int ElementSize(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => 4,
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        _ => throw new InvalidDataException($"tensor type {type} in an archive"),
    };

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
