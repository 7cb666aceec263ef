using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gas.ClusterKill;

/// <summary>The seed's topology as processes: two web, one util, two annotators, all on the AWS adapters.</summary>
public sealed class Cluster : IDisposable
{
    private readonly RunSettings _run;
    private readonly List<GasProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Cluster(RunSettings run, ClusterLayout layout)
    {
        _run = run;
        var logs = Path.Combine(run.WorkDirectory, "logs");
        Directory.CreateDirectory(logs);
        var webPorts = new[] { FreePort(), FreePort() };
        Web = webPorts.Select(port => new Uri($"http://127.0.0.1:{port}/")).ToArray();
        for (var i = 0; i < webPorts.Length; i++)
        {
            _processes.Add(Site($"web-{i + 1}", "web", webPorts[i], layout.Site("web", webPorts[i], Web[0]), logs));
        }

        var utilPort = FreePort();
        _processes.Add(Site("util-1", "util", utilPort, layout.Site("util", utilPort, Web[0]), logs));
        for (var i = 1; i <= 2; i++)
        {
            _processes.Add(Process($"annotator-{i}", "annotator", "Gas.Annotator", layout.Annotator(), null, logs));
        }
    }

    /// <summary>The web tier's addresses; the load balancer is the client's fail-over between them.</summary>
    public IReadOnlyList<Uri> Web { get; }

    public IReadOnlyList<GasProcess> Processes => _processes;

    /// <summary>Web-1 first (it migrates the accounts database), then the rest together; waits until all are ready.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _processes[0].Start();
        await WaitReadyAsync([_processes[0]], ct);
        foreach (var process in _processes.Skip(1))
        {
            process.Start();
        }

        await WaitReadyAsync(_processes, ct);
    }

    /// <summary>Restarts whatever is not running (a kill's restart that itself died) and waits until every process is ready.</summary>
    public async Task EnsureAllReadyAsync(CancellationToken ct)
    {
        foreach (var process in _processes.Where(p => !p.IsRunning))
        {
            Console.WriteLine($"cluster-kill: {process.Name} is not running; starting it again");
            process.Start();
        }

        await WaitReadyAsync(_processes, ct);
    }

    /// <summary>Polls readiness of every process once.</summary>
    public async Task PollReadinessAsync(CancellationToken ct)
    {
        foreach (var process in _processes)
        {
            await process.CheckReadyAsync(_http, ct);
        }
    }

    public string Tails() => string.Join("\n", _processes.Select(p => $"--- {p.Name} ({p.LogPath}) ---\n{p.Tail()}"));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        _http.Dispose();
    }

    private async Task WaitReadyAsync(IReadOnlyList<GasProcess> processes, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await PollReadinessAsync(ct);
            var waiting = processes.Where(p => !p.IsReady).ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            foreach (var dead in waiting.Where(p => !p.IsRunning))
            {
                Console.WriteLine($"cluster-kill: {dead.Name} exited while starting; starting it again");
                dead.Start();
            }

            if (clock.Elapsed > _run.PhaseBound)
            {
                throw new GaveUpException(
                    $"{string.Join(", ", waiting.Select(p => p.Name))} to be ready (/health 200, or the annotator's 'Application started')",
                    _run.PhaseBound, Tails());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private GasProcess Site(string name, string role, int port, Dictionary<string, string> environment, string logs) =>
        Process(name, role, "Gas.RazorPages", environment, new Uri($"http://127.0.0.1:{port}/"), logs);

    private GasProcess Process(string name, string role, string project, Dictionary<string, string> environment, Uri? health, string logs)
    {
        environment["Gas:Embedded:DataDirectory"] = Path.Combine(_run.WorkDirectory, "data", name);
        var dll = Path.Combine(_run.Root, project, "bin", _run.Configuration, "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build in {_run.Configuration} first.", dll);
        }

        // From the project folder, so the content root (wwwroot, appsettings.json) is the project's.
        return new GasProcess(name, role, dll, Path.Combine(_run.Root, project), environment, health, Path.Combine(logs, name + ".log"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A bounded wait ran out: says what it waited for, how long, and what the processes logged.</summary>
public sealed class GaveUpException(string what, TimeSpan bound, string tails)
    : Exception($"gave up after {bound.TotalMinutes:0.#} min waiting for {what}.\n{tails}");
