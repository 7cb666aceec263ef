namespace Gas.Core.Embedded;

/// <summary>
/// Every browser upload the embedded store accepted, by the id of the policy that allowed it: a policy is used once
/// (its row is inserted before the first byte is stored), and an upload stays <c>stored</c> until a job claims it.
/// Unclaimed ones are what the sweep expires.
/// </summary>
public sealed class UploadLedger
{
    private readonly SqliteDatabase _db;

    public UploadLedger(SqliteDatabase db)
    {
        _db = db;
        using var connection = _db.Open();
        SqliteDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS browser_uploads (
                policy_id TEXT PRIMARY KEY,
                bucket TEXT NOT NULL,
                object_key TEXT NOT NULL,
                state TEXT NOT NULL,
                policy_expires INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS browser_uploads_object ON browser_uploads (bucket, object_key);
            CREATE INDEX IF NOT EXISTS browser_uploads_state ON browser_uploads (state, updated_at);
            """);
    }

    /// <summary>Takes the policy for one upload; false when it was used before (or is in use right now).</summary>
    public bool TryConsume(string policyId, string bucket, string key, long policyExpires, long now) =>
        Run("""
            INSERT OR IGNORE INTO browser_uploads (policy_id, bucket, object_key, state, policy_expires, updated_at)
            VALUES ($policy, $bucket, $key, 'receiving', $expires, $now)
            """, ("$policy", policyId), ("$bucket", bucket), ("$key", key), ("$expires", policyExpires), ("$now", now)) == 1;

    /// <summary>Gives back a policy whose upload stored nothing (too large, disk full), so the same form can be tried again.</summary>
    public void Release(string policyId) =>
        Run("DELETE FROM browser_uploads WHERE policy_id = $policy AND state = 'receiving'", ("$policy", policyId));

    public void MarkStored(string policyId, long now) =>
        Run("UPDATE browser_uploads SET state = 'stored', updated_at = $now WHERE policy_id = $policy",
            ("$policy", policyId), ("$now", now));

    public void Claim(string bucket, string key, long now) =>
        Run("UPDATE browser_uploads SET state = 'claimed', updated_at = $now WHERE bucket = $bucket AND object_key = $key AND state = 'stored'",
            ("$bucket", bucket), ("$key", key), ("$now", now));

    /// <summary>Uploads stored before <paramref name="before"/> that no job claimed.</summary>
    public IReadOnlyList<(string PolicyId, string Bucket, string Key)> Unclaimed(long before)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT policy_id, bucket, object_key FROM browser_uploads WHERE state = 'stored' AND updated_at < $before";
        command.Parameters.AddWithValue("$before", before);
        using var reader = command.ExecuteReader();
        var result = new List<(string, string, string)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return result;
    }

    public void MarkExpired(string policyId, long now) =>
        Run("UPDATE browser_uploads SET state = 'expired', updated_at = $now WHERE policy_id = $policy AND state = 'stored'",
            ("$policy", policyId), ("$now", now));

    /// <summary>
    /// Drops claimed and expired rows whose policy has expired (an expired policy is refused anyway), and rows of uploads
    /// that never finished (a stopped process) once their policy is <paramref name="grace"/> seconds past expiry.
    /// </summary>
    public void ForgetSettled(long now, long grace) =>
        Run("""
            DELETE FROM browser_uploads
            WHERE (state IN ('claimed', 'expired') AND policy_expires < $now) OR (state = 'receiving' AND policy_expires < $now - $grace)
            """, ("$now", now), ("$grace", grace));

    private int Run(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
