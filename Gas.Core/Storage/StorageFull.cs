using Microsoft.Data.Sqlite;

namespace Gas.Core.Storage;

/// <summary>Recognises "the disk is full" among I/O failures, so callers can answer 507 instead of a bare 500.</summary>
public static class StorageFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13;

    public static bool Is(Exception? exception) => exception switch
    {
        null => false,
        IOException io when io.HResult is Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull => true,
        SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull => true,
        _ => Is(exception.InnerException),
    };
}
