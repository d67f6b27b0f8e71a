using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Web.Tests.ViewModels;

/// <summary>Private keys made at run time (never committed), in the shapes key material can take in a preview.</summary>
internal static class TestKeys
{
    public static string RsaPem { get; } = Rsa().ExportPkcs8PrivateKeyPem();

    public static string EcPem { get; } = Ec().ExportECPrivateKeyPem();

    /// <summary>The base64 of a PEM file, as a Secret's <c>data</c> holds it.</summary>
    public static string RsaPemBase64 { get; } = Convert.ToBase64String(Encoding.ASCII.GetBytes(RsaPem));

    /// <summary>A DER PKCS#8 key in base64, without PEM armour.</summary>
    public static string EcDerBase64 { get; } = Convert.ToBase64String(Ec().ExportPkcs8PrivateKey());

    /// <summary>The lines of a PEM key's body: any one of them on a page would be a leak.</summary>
    public static IEnumerable<string> BodyLines(string pem) => pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));

    private static RSA Rsa()
    {
        var rsa = RSA.Create(2048);
        return rsa;
    }

    private static ECDsa Ec() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
}
