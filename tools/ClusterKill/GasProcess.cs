using System.Diagnostics;

namespace Gas.ClusterKill;

/// <summary>
/// One GAS process of the cluster (web-1, util-1, annotator-2, …): started with fixed arguments, environment and port, so
/// a restart after a kill is the same process again. Everything it prints, across restarts, goes to one log file.
/// </summary>
public sealed class GasProcess(string name, string role, string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment,
    Uri? health, string logPath) : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _log = new(logPath, append: true) { AutoFlush = true };
    private Process? _process;
    private bool _disposed;

    public string Name { get; } = name;

    /// <summary>web, util or annotator.</summary>
    public string Role { get; } = role;

    /// <summary>Where <c>/health</c> answers (web and util); null for the annotator, which serves nothing.</summary>
    public Uri? Health { get; } = health;

    public string LogPath { get; } = logPath;

    public int Starts { get; private set; }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>Set once the current incarnation answered /health (web, util) or said it started (annotator).</summary>
    public bool IsReady { get; private set; }

    public void Start()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            foreach (var (key, value) in environment)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            Starts++;
            IsReady = false;
            Write($"=== cluster-kill: start #{Starts} of {Name} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
            var process = new Process { StartInfo = start };
            var incarnation = Starts;
            process.OutputDataReceived += (_, e) => OnLine(e.Data, incarnation);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data, incarnation);
            if (!process.Start())
            {
                throw new InvalidOperationException($"{Name} did not start.");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process?.Dispose();
            _process = process;
            // For scripts/cluster-kill.sh, which stops what is left should this driver itself be killed.
            File.WriteAllText(Path.ChangeExtension(LogPath, ".pid"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown hooks, no flushing, no goodbyes.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_process is not { HasExited: false } process)
            {
                return;
            }

            process.Kill();
            process.WaitForExit(TimeSpan.FromMinutes(1));
            IsReady = false;
            Write($"=== cluster-kill: SIGKILL {Name} (pid {process.Id}) at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
        }
    }

    /// <summary>Checks readiness once: /health answering 200, or the annotator's host having logged that it started.</summary>
    public async Task<bool> CheckReadyAsync(HttpClient http, CancellationToken ct)
    {
        if (IsReady || !IsRunning)
        {
            return IsReady;
        }

        if (Health is null)
        {
            return IsReady;
        }

        try
        {
            using var response = await http.GetAsync(new Uri(Health, "/health"), ct);
            IsReady = response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }

        return IsReady;
    }

    /// <summary>The last lines of the log, for a report that gave up waiting.</summary>
    public string Tail(int lines = 25)
    {
        lock (_gate)
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Kill();
            _process?.Dispose();
            lock (_log)
            {
                _disposed = true;
                _log.Dispose();
            }
        }
    }

    private void OnLine(string? line, int incarnation)
    {
        if (line is null)
        {
            return;
        }

        // The generic host's lifetime line: the annotator daemon is polling from here on.
        if (Health is null && incarnation == Starts && line.Contains("Application started", StringComparison.Ordinal))
        {
            IsReady = true;
        }

        Write(line);
    }

    private void Write(string line)
    {
        lock (_log)
        {
            if (!_disposed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
