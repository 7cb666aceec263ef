namespace Gas.Core.VariantIndex;

/// <summary>
/// An annotation output that also builds the results index of what passes through it (<see cref="IndexingOutputStream"/>). An
/// engine that has each allele parsed anyway hands the index its batches (<see cref="IndexRows"/>) instead of letting it read
/// the record lines back from the output text; the header is still read from the text.
/// </summary>
public interface IIndexedOutput
{
    /// <summary>Once, after the header's text and before any record's: from here on the records reach the index as rows.</summary>
    void BeginRows();

    /// <summary>An empty batch to fill; any thread may call it.</summary>
    IndexRows RentRows();

    /// <summary>A filled batch, in file order, once its records' text has been written; the batch is the output's afterwards.</summary>
    ValueTask AddRowsAsync(IndexRows rows, CancellationToken ct);
}
