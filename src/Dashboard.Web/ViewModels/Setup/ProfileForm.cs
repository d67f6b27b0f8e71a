using Dashboard.Core.Ibm;
using Dashboard.Core.Setup;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>One profile choice as the form shows it: what is used, what was detected, the evidence, the options.</summary>
/// <param name="Key">The choice's key (<c>istioApi</c>, ...).</param>
/// <param name="Label">Its label.</param>
/// <param name="Value">The value in force.</param>
/// <param name="Detected">What detection found, or null.</param>
/// <param name="Overridden">Whether the user chose the value.</param>
/// <param name="Evidence">What the cluster showed.</param>
/// <param name="Options">Every value.</param>
public sealed record ProfileChoiceView(string Key, string Label, string Value, string? Detected, bool Overridden, IReadOnlyList<string> Evidence, IReadOnlyList<string> Options);

/// <summary>The profile overrides as an editable form: per choice, null keeps the detected value.</summary>
public sealed class ProfileForm
{
    /// <summary>The choices, from the detection.</summary>
    public IReadOnlyList<ProfileChoiceView> Choices { get; private set; } = [];

    private ProfileOverrides _saved = ProfileOverrides.None;

    /// <summary>The override per choice key; null (or absent) for "as detected".</summary>
    public Dictionary<string, string?> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the form's overrides differ from the stored ones.</summary>
    public bool IsDirty => ToOverrides() != _saved;

    /// <summary>Loads the detection and the stored overrides (discarding edits).</summary>
    public void Load(ProfileDetection detection, ProfileOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(detection);
        ArgumentNullException.ThrowIfNull(overrides);
        _saved = overrides;
        Choices =
        [
            View("istioApi", "Istio API", detection.IstioApi),
            View("albFlavour", "ALB flavour", detection.AlbFlavour),
            View("clientCertificate", "ALB client certificate", detection.ClientCertificate),
            View("clusterType", "Cluster type", detection.ClusterType),
        ];
        Overrides["istioApi"] = overrides.IstioApi?.ToString();
        Overrides["albFlavour"] = overrides.AlbFlavour?.ToString();
        Overrides["clientCertificate"] = overrides.ClientCertificate?.ToString();
        Overrides["clusterType"] = overrides.ClusterType?.ToString();
    }

    /// <summary>The overrides the form holds.</summary>
    public ProfileOverrides ToOverrides() => new(
        Parse<IstioApi>("istioApi"), Parse<AlbFlavour>("albFlavour"), Parse<ClientCertificateSource>("clientCertificate"), Parse<ClusterType>("clusterType"));

    private T? Parse<T>(string key)
        where T : struct, Enum => Overrides.GetValueOrDefault(key) is { } text && Enum.TryParse<T>(text, out var value) ? value : null;

    private static ProfileChoiceView View<T>(string key, string label, ProfileChoice<T> choice)
        where T : struct, Enum =>
        new(key, label, choice.Value.ToString(), choice.Detected?.ToString(), choice.Overridden, choice.Evidence,
            [.. Enum.GetNames<T>().Where(n => n != nameof(ClusterType.Unknown))]);
}
