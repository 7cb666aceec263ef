using Gas.Core.Storage;

namespace Gas.RazorPages.Infrastructure;

/// <summary>
/// A request that fails because a disk is full answers 507 Insufficient Storage, which the status-code pages render as
/// a page that says so, instead of a bare 500. Nothing else is caught.
/// </summary>
public static class StorageFullPage
{
    public static IApplicationBuilder UseStorageFullPage(this IApplicationBuilder app) =>
        app.Use(next => async context =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (StorageFull.Is(e) && !context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFullPage))
                    .LogError(e, "Out of disk space while serving {Path}", context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status507InsufficientStorage;
            }
        });
}
