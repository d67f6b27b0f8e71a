using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Storage;

/// <summary>Stores times as they are (UTC by convention) and marks them UTC when read back.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v,
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
