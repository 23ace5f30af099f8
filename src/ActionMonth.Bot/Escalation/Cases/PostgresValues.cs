namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>What only the PostgreSQL escalation stores need: advisory lock keys.</summary>
internal static class PostgresValues
{
    /// <summary>A 64-bit advisory lock key for a name (the first 8 bytes of its SHA-256): the same on every instance.</summary>
    public static long LockKey(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)), 0);
}
