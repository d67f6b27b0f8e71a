namespace Dashboard.Sandbox.Kubernetes.Api;

/// <summary>One entry of <c>Status.details.causes</c>: what is wrong with which field.</summary>
/// <param name="Reason">Machine-readable cause type, e.g. <c>FieldValueRequired</c>.</param>
/// <param name="Message">Human-readable text, e.g. <c>Required value</c>.</param>
/// <param name="Field">JSON path of the field, e.g. <c>metadata.name</c>.</param>
internal sealed record StatusCause(string Reason, string Message, string Field)
{
    public static StatusCause Required(string field, string detail = "") =>
        new("FieldValueRequired", "Required value" + Suffix(detail), field);

    public static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {Quote(value)}: {detail}", field);

    public static StatusCause NotSupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", supported.Select(Quote))}", field);

    public static StatusCause TooLong(string field, long max) =>
        new("FieldValueTooLong", $"Too long: must have at most {max} bytes", field);

    public static StatusCause Forbidden(string field, string detail) => new("FieldValueForbidden", "Forbidden: " + detail, field);

    public static StatusCause Duplicate(string field, string value) => new("FieldValueDuplicate", $"Duplicate value: {Quote(value)}", field);

    public static StatusCause TypeInvalid(string field, string value, string detail) =>
        new("FieldValueTypeInvalid", $"Invalid value: {Quote(value)}: {detail}", field);

    /// <summary>The line the real server prints for this cause inside the Status message.</summary>
    public string Describe() => $"{Field}: {Message}";

    private static string Suffix(string detail) => detail.Length == 0 ? string.Empty : ": " + detail;

    internal static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
