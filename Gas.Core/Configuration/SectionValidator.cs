using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gas.Core.Configuration;

/// <summary>
/// Validates one bound section and names every fault by its configuration key: data annotations and
/// <see cref="IValidatableObject"/> on the options object and, through <see cref="ValidateObjectMembersAttribute"/> and
/// <see cref="ValidateEnumeratedItemsAttribute"/>, on nested objects and dictionary values; and any key in the section
/// that no property reads (a misspelling would otherwise silently keep a default).
/// </summary>
public sealed class SectionValidator<T>(IConfiguration configuration, string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = new List<string>();
        FindUnknownKeys(configuration.GetSection(section), typeof(T), errors);
        Annotate(options, section, errors);
        return errors is [] ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void FindUnknownKeys(IConfigurationSection node, Type type, List<string> errors)
    {
        foreach (var child in node.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                errors.Add($"{child.Path}: unknown configuration key (misspelt?).");
            }
            else if (DictionaryValueType(property.PropertyType) is { } valueType)
            {
                foreach (var entry in child.GetChildren().Where(_ => IsSection(valueType)))
                {
                    FindUnknownKeys(entry, valueType, errors);
                }
            }
            else if (IsSection(property.PropertyType))
            {
                FindUnknownKeys(child, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, errors);
            }
        }
    }

    private static void Annotate(object instance, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var message = result.ErrorMessage ?? "is not valid.";
            var keys = result.MemberNames.Select(member => $"{path}:{member}").DefaultIfEmpty(path).ToArray();
            errors.Add(keys.Any(key => message.Contains(key, StringComparison.OrdinalIgnoreCase))
                ? message
                : $"{string.Join(", ", keys)}: {message}");
        }

        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var nested = property.IsDefined(typeof(ValidateObjectMembersAttribute));
            var items = property.IsDefined(typeof(ValidateEnumeratedItemsAttribute));
            if ((nested || items) && property.GetValue(instance) is { } value)
            {
                if (nested)
                {
                    Annotate(value, $"{path}:{property.Name}", errors);
                }
                else if (value is IDictionary dictionary)
                {
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (entry.Value is not null)
                        {
                            Annotate(entry.Value, $"{path}:{property.Name}:{entry.Key}", errors);
                        }
                    }
                }
                else if (value is IEnumerable sequence)
                {
                    var index = 0;
                    foreach (var item in sequence)
                    {
                        Annotate(item, $"{path}:{property.Name}:{index++}", errors);
                    }
                }
            }
        }
    }

    /// <summary>A type the binder fills from child keys, not from one value.</summary>
    private static bool IsSection(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type)
            && !TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;
}
