using System.Net;
using System.Text;
using System.Text.Json;
using Gas.Core.Storage;

namespace Gas.Core.Embedded;

/// <summary>
/// The embedded store's rules for browser POST uploads, checked the way S3 checks them (signature, expiry, bucket, key
/// prefix, redirect, content-length-range) plus two S3 cannot express: a policy uploads once, and an upload never replaces
/// an existing object. The web project's <c>/_store</c> endpoint feeds it a parsed form.
/// </summary>
public sealed class BrowserUploads(FolderObjectStore store, UrlSigner signer, UploadLedger ledger, TimeProvider time)
{
    /// <summary>The signed policy, or why the form is refused; called as soon as both fields have arrived, before any file byte.</summary>
    public (UploadPolicyDocument? Policy, StoreRefusal? Refusal) CheckPolicy(string bucket, string policy, string signature)
    {
        if (!signer.Verify(policy, signature))
        {
            return (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Invalid or missing policy signature."));
        }

        var document = UploadPolicyDocument.Decode(policy);
        if (document is null)
        {
            return (null, new StoreRefusal(HttpStatusCode.BadRequest, "InvalidPolicyDocument", "The policy is not valid."));
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > document.Expires)
        {
            return (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy expired."));
        }

        return document.Bucket == bucket
            ? (document, null)
            : (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$bucket\"]."));
    }

    /// <summary>
    /// Checks the form's key and redirect against the policy, uses the policy up, and streams the file in. The policy is
    /// given back when nothing was stored, so the same form can be tried again with a smaller file.
    /// </summary>
    /// <param name="successStatus">The form's <c>success_action_status</c>, which a program's policy (<see cref="UploadPolicyDocument.SuccessActionStatus"/>) fixes.</param>
    public async Task<(StoredObject? Stored, StoreRefusal? Refusal)> ReceiveAsync(
        UploadPolicyDocument policy, string key, string? redirect, string? successStatus, Stream file, CancellationToken ct)
    {
        if (!key.StartsWith(policy.KeyPrefix, StringComparison.Ordinal) || key.Length == policy.KeyPrefix.Length)
        {
            return (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\"]."));
        }

        if (policy.Key is { } exactKey && key != exactKey)
        {
            return (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\"]."));
        }

        if (policy.SuccessActionStatus is { } status)
        {
            if (redirect is not null || successStatus != status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: success_action_status."));
            }
        }
        else if (!UploadPolicy.Allows(redirect, policy.SuccessRedirect, policy.SuccessRedirectPrefix))
        {
            return (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: success_action_redirect."));
        }

        string path;
        try
        {
            path = store.PathOf(policy.Bucket, key);
        }
        catch (ArgumentException)
        {
            return (null, new StoreRefusal(HttpStatusCode.BadRequest, "InvalidArgument", "The object key is not valid."));
        }

        if (!ledger.TryConsume(policy.PolicyId, policy.Bucket, key, policy.Expires, time.GetUtcNow().ToUnixTimeSeconds()))
        {
            return (null, new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "This upload form has already been used; reload the page for a new one."));
        }

        var stored = false;
        try
        {
            var outcome = await store.WriteNewAsync(path, file, policy.MaxBytes, ct);
            switch (outcome)
            {
                case NewObjectWrite.TooLarge:
                    return (null, new StoreRefusal(HttpStatusCode.BadRequest, "EntityTooLarge",
                        $"Your proposed upload exceeds the maximum allowed size of {policy.MaxBytes} bytes."));
                case NewObjectWrite.KeyTaken:
                    return (null, new StoreRefusal(HttpStatusCode.Conflict, "KeyAlreadyExists", "An object with this key already exists; it is never replaced by an upload."));
            }

            ledger.MarkStored(policy.PolicyId, time.GetUtcNow().ToUnixTimeSeconds());
            stored = true;
            return (await store.HeadAsync(policy.Bucket, key, ct), null);
        }
        catch (Exception e) when (StorageFull.Is(e))
        {
            return (null, new StoreRefusal(HttpStatusCode.InsufficientStorage, "InsufficientStorage",
                "The store is out of disk space; nothing was stored. Please try again later."));
        }
        finally
        {
            if (!stored)
            {
                ledger.Release(policy.PolicyId);
            }
        }
    }
}

/// <summary>An S3-style refusal: status, error code and message.</summary>
public sealed record StoreRefusal(HttpStatusCode Status, string Code, string Message);

/// <summary>What a signed upload policy allows; serialized into the form's <c>policy</c> field.</summary>
public sealed record UploadPolicyDocument(string Bucket, string KeyPrefix, long MaxBytes, string SuccessRedirect, long Expires, string PolicyId)
{
    /// <summary>When set, the form may post any redirect starting with it (<see cref="UploadPolicy.SuccessRedirectPrefix"/>).</summary>
    public string? SuccessRedirectPrefix { get; init; }

    /// <summary>A program's form: the only key it may upload to (<see cref="UploadPolicy.Client"/>).</summary>
    public string? Key { get; init; }

    /// <summary>A program's form: the status a stored upload is answered with, instead of a redirect.</summary>
    public int? SuccessActionStatus { get; init; }

    public static UploadPolicyDocument? Decode(string encoded)
    {
        try
        {
            var document = JsonSerializer.Deserialize<UploadPolicyDocument>(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            return document is { Bucket: not null, KeyPrefix: not null, SuccessRedirect: not null, PolicyId: { Length: > 0 } } ? document : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
