using Gas.Annotator.Engine;
using Gas.Annotator.Worker;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Gas.Tests.Engine;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Worker;

/// <summary>
/// A job's file work (issue 14): the engine reads the input straight from the store when the store's stream can seek, and
/// from a scratch copy only when it cannot (S3's); the results are handed to the store as files; the work directory holds
/// nothing once a job is over, however it ended.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ScratchFiles
{
    private static readonly byte[] Input = InputFiles.Utf8(InputFiles.Vcf(300, i => $"1\t{100 + i}\t.\tA\tG\t.\t.\tDP={i}"));
    private EmbeddedServices _services = null!;
    private WorkDirectorySpy _engine = null!;
    private string _work = null!;

    [TestCleanup]
    public void TearDown()
    {
        _services?.Dispose();
        if (_work is not null && Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private void Start(bool forwardOnlyStore = false)
    {
        _work = Paths.NewTempDirectory();
        _engine = new WorkDirectorySpy(new BasicVcfEngine(TimeProvider.System), _work);
        _services = new EmbeddedServices(services =>
        {
            services.AddSingleton<IAnnotationEngine>(_engine);
            if (forwardOnlyStore)
            {
                services.AddSingleton<IObjectStore>(sp => new ForwardOnlyReads(sp.GetRequiredService<FolderObjectStore>()));
            }
        }, new Dictionary<string, string?> { ["Gas:Annotator:WorkDirectory"] = _work });
    }

    private async Task<(AnnotationJob Job, RunOutcome Outcome)> RunAsync(byte[]? input, string fileName = "job.vcf")
    {
        var job = new JobBuilder().WithInput(fileName).Build();
        if (input is not null)
        {
            await _services.Get<IObjectStore>().PutAsync(job.InputsBucket, job.InputKey, new MemoryStream(input), "text/plain");
        }

        await _services.Get<IJobStore>().CreateAsync(job);
        var queue = _services.Get<IOptions<MessagingOptions>>().Value.JobRequestsQueue;
        await _services.Get<IQueue>().SendAsync(queue, MessageJson.Serialize(JobRequest.For(job)));
        var received = await _services.Get<IQueue>().ReceiveAsync(queue, 1, TimeSpan.Zero);
        Assert.HasCount(1, received);
        var outcome = await _services.Get<JobRunner>().RunAsync(received[0], CancellationToken.None);
        return ((await _services.Get<IJobStore>().GetAsync(job.JobId))!, outcome);
    }

    private async Task AssertResultsStoredAsync(AnnotationJob job)
    {
        Assert.AreEqual(JobStatus.Completed, job.Status, job.FailureReason);
        var objects = _services.Get<IObjectStore>();
        Assert.IsGreaterThan(Input.Length, (await objects.HeadAsync(job.ResultsBucket!, job.ResultKey!))!.Size, "the annotated VCF is stored whole");
        Assert.IsNotNull(await objects.HeadAsync(job.ResultsBucket!, ResultsIndexFormat.IndexKeyFor(job.ResultKey!)), "the results index is stored");
        Assert.IsEmpty(_services.Get<FolderObjectStore>().PartialFiles());
    }

    private void AssertWorkDirectoryEmpty() =>
        Assert.IsEmpty(Directory.GetFileSystemEntries(_work, "*", SearchOption.AllDirectories), "the job left nothing in the work directory");

    [TestMethod]
    public async Task TheEngineReadsASeekableStoredInputInPlaceAndTheJobLeavesNoFileBehind()
    {
        Start();

        var (job, outcome) = await RunAsync(Input);

        Assert.AreEqual(RunOutcome.Completed, outcome);
        await AssertResultsStoredAsync(job);
        Assert.IsTrue(_engine.InputCouldSeek);
        Assert.IsFalse(_engine.InputCopiedToWorkDirectory, "no copy of the input while annotating: the engine read the store's file");
        AssertWorkDirectoryEmpty();
    }

    [TestMethod]
    public async Task AnInputTheStoreCannotSeekIsCopiedToAScratchFileThatIsRemovedAfterwards()
    {
        Start(forwardOnlyStore: true);

        var (job, outcome) = await RunAsync(Input);

        Assert.AreEqual(RunOutcome.Completed, outcome);
        await AssertResultsStoredAsync(job);
        Assert.IsTrue(_engine.InputCouldSeek, "the engine needs a seekable input");
        Assert.IsTrue(_engine.InputCopiedToWorkDirectory, "the copy is in the work directory while annotating");
        AssertWorkDirectoryEmpty();
    }

    [TestMethod]
    public async Task RejectedAndMissingInputsFailAsBeforeAndLeaveNoFileBehind()
    {
        Start();

        var (corrupt, corruptOutcome) = await RunAsync(InputFiles.GzipWithABadChecksumInside(EngineTestData.Vcf("1\t5\t.\tA\tG\t.\t.\t.")), "corrupt.vcf.gz");
        AssertWorkDirectoryEmpty();
        var (missing, missingOutcome) = await RunAsync(null);

        Assert.AreEqual(RunOutcome.Failed, corruptOutcome);
        StringAssert.StartsWith(corrupt.FailureReason, "The input is corrupt");
        Assert.AreEqual(RunOutcome.Failed, missingOutcome);
        Assert.AreEqual("The uploaded input file is missing from storage; please submit it again.", missing.FailureReason);
        AssertWorkDirectoryEmpty();
    }

    /// <summary>A real engine that notes what it was given and whether a copy of the input sat in the work directory meanwhile.</summary>
    private sealed class WorkDirectorySpy(IAnnotationEngine inner, string workDirectory) : IAnnotationEngine
    {
        public bool InputCouldSeek { get; private set; }

        public bool InputCopiedToWorkDirectory { get; private set; }

        public Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default)
        {
            InputCouldSeek = input.CanSeek;
            InputCopiedToWorkDirectory = Directory.GetFiles(workDirectory, "*", SearchOption.AllDirectories).Any(HoldsTheInput);
            return inner.AnnotateAsync(input, output, log, limits, ct);
        }

        private static bool HoldsTheInput(string path)
        {
            // Sizes first: the runner holds its (still empty) output file exclusively meanwhile.
            return new FileInfo(path).Length == Input.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(Input);
        }
    }

    /// <summary>The folder store, but with reads that cannot seek, as S3's response streams.</summary>
    private sealed class ForwardOnlyReads(FolderObjectStore inner) : IObjectStore
    {
        public async Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken ct = default) =>
            new ForwardOnly(await inner.OpenReadAsync(bucket, key, ct));

        public Task PutAsync(string bucket, string key, Stream content, string contentType, CancellationToken ct = default) =>
            inner.PutAsync(bucket, key, content, contentType, ct);

        public Task PutFileAsync(string bucket, string key, string path, string contentType, CancellationToken ct = default) =>
            inner.PutFileAsync(bucket, key, path, contentType, ct);

        public Task<StoredObject?> HeadAsync(string bucket, string key, CancellationToken ct = default) => inner.HeadAsync(bucket, key, ct);

        public Task DeleteAsync(string bucket, string key, CancellationToken ct = default) => inner.DeleteAsync(bucket, key, ct);

        public Task<PresignedPost> CreateUploadFormAsync(UploadPolicy policy, CancellationToken ct = default) => inner.CreateUploadFormAsync(policy, ct);

        public Task ClaimUploadAsync(string bucket, string key, CancellationToken ct = default) => inner.ClaimUploadAsync(bucket, key, ct);

        public Task<Uri> GetDownloadUrlAsync(string bucket, string key, string downloadFileName, TimeSpan lifetime, CancellationToken ct = default) =>
            inner.GetDownloadUrlAsync(bucket, key, downloadFileName, lifetime, ct);
    }

    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
