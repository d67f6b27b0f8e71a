using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Trust;

/// <summary>The root certificates shipped as embedded PEM files under <c>Trust/Roots/</c>.</summary>
internal static class KnownRoots
{
    public const string IsrgRootX1Fingerprint = "96BCEC06264976F37460779ACF28C5A7CFE8A3C0AAE11A8FFCEE05C0BDDF08C6";
    public const string IsrgRootX2Fingerprint = "69729B8E15A86EFC177A57AFB7171DFC64ADD28C2FCA8CF1507E34453CCB1470";
    public const string DstRootCaX3Fingerprint = "0687260331A72403D909F105E69BCF0D32E1BD2493FFC6D9206D11BCD6770739";

    private static readonly Lazy<CertificateData> s_dst = new(() => Load("DST_Root_CA_X3.pem", DstRootCaX3Fingerprint));

    public static CertificateSummary DstRootCaX3Summary => CertificateSummary.From(s_dst.Value);

    public static IEnumerable<CertificateData> IsrgRootX1And2()
    {
        yield return Load("ISRG_Root_X1.pem", IsrgRootX1Fingerprint);
        yield return Load("ISRG_Root_X2.pem", IsrgRootX2Fingerprint);
    }

    public static bool IsDstRootCaX3(CertificateData certificate) => certificate.Fingerprint == DstRootCaX3Fingerprint;

    private static CertificateData Load(string fileName, string expectedFingerprint)
    {
        var assembly = typeof(KnownRoots).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var bundle = PemBundle.Parse(reader.ReadToEnd());
        var data = bundle.Entries.Single().Data;

        // A swapped or corrupted root file must stop the product, not silently change what it trusts.
        return data.Fingerprint == expectedFingerprint
            ? data
            : throw new InvalidOperationException($"The embedded root {fileName} has fingerprint {data.Fingerprint}, expected {expectedFingerprint}.");
    }
}
