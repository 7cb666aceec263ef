using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gas.RazorPages.Api;

/// <summary>Declares the personal access token (<c>Authorization: Bearer gas_…</c>) in the OpenAPI document, required by every operation.</summary>
public sealed class OpenApiBearerScheme : IOpenApiDocumentTransformer
{
    private const string Name = "PersonalAccessToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "GAS REST API";
        document.Info.Description = "Genomics Annotation Service. Authenticate with a personal access token from your account page: 'Authorization: Bearer gas_…'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (gas_…), created on /account.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] });
        return Task.CompletedTask;
    }
}
