using System.Text.Json;

namespace Dashboard.Sandbox.Iks.State;

/// <summary>Reads and writes <c>state.json</c>: atomically, and a damaged file is moved aside and reported, never silently replaced.</summary>
internal sealed class IksStateStore(string? path, TimeProvider time)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private readonly Lock _gate = new();

    public IksStateDocument? Load(IksSimulatorWarnings warnings)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var document = JsonSerializer.Deserialize<IksStateDocument>(File.ReadAllText(path), s_json);
            return document is { FormatVersion: 1 } && document.Registrations.All(r => !string.IsNullOrEmpty(r.Host) && !string.IsNullOrEmpty(r.ClusterId))
                ? document
                : throw new JsonException("the file is not an IKS simulator state (format version 1)");
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            var aside = AtomicFile.SetAside(path, time);
            warnings.StateFileSetAside(path, e.Message, aside);
            return null;
        }
    }

    public static string Serialize(IksStateDocument document) => JsonSerializer.Serialize(document, s_json);

    public void Save(string json)
    {
        if (path is null)
        {
            return;
        }

        lock (_gate)
        {
            AtomicFile.Write(path, json);
        }
    }
}
