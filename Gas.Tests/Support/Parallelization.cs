// Test classes run in parallel, four at a time on two cores: the contract classes mostly sleep on queue visibility
// timeouts while the engine classes use the CPU, so they overlap. The tests of one class run one after another.
// Classes that share process-wide state or load the machine carry [DoNotParallelize] and run alone, after the others:
// - every class that hosts the app (GasAppFactory): Hangfire keeps its storage, job activator and log provider in
//   process-wide statics (JobStorage.Current, JobActivator.Current, LogProvider) that each host overwrites at start-up;
// - Browser (Playwright's default expect timeout is static; Chromium is heavy), EndToEnd (three .NET processes
//   starting at once), Deploy (one jsii node runtime and a shared CDK output folder).
[assembly: Parallelize(Scope = ExecutionScope.ClassLevel, Workers = 4)]
