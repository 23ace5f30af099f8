using System.Buffers;
using Newtonsoft.Json;

namespace ActionMonth.Bot.Adapters;

/// <summary>Newtonsoft's char buffers from the shared ArrayPool instead of a new array per reader or writer.</summary>
internal sealed class NewtonsoftCharPool : IArrayPool<char>
{
    public static readonly NewtonsoftCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null) ArrayPool<char>.Shared.Return(array);
    }
}
