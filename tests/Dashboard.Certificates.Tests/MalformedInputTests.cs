using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

/// <summary>Malformed and hostile inputs: none throws, each yields the code that explains it.</summary>
public sealed class MalformedInputTests
{
    // Kept apart so no source line spells a private key header.
    private const string Dashes = "-----";
    private const string Begin = Dashes + "BEGIN ";
    private const string End = Dashes + "END ";

    private static readonly CredentialValidator s_validator = Pki.Validator();

    private static readonly Lazy<TestCredential> s_good = new(() => Pki.Rsa.Leaf());

    /// <summary>Name → (certificate input, key input, expected code; null: no error at all).</summary>
    private static readonly Dictionary<string, Func<(byte[] Cert, byte[] Key, string? Code)>> s_cases = new()
    {
        ["empty input"] = () => ([], Key(), ProblemCodes.InputEmpty),
        ["whitespace only"] = () => (Utf8(" \r\n\t \n"), Key(), ProblemCodes.InputEmpty),
        ["empty key"] = () => (Chain(), [], ProblemCodes.InputEmpty),
        ["garbage text"] = () => (Utf8("hello, this is not a certificate at all"), Key(), ProblemCodes.InputNotPem),
        ["random binary"] = () => (Random(4096, 0x42), Key(), ProblemCodes.InputNotPem),
        ["NUL bytes"] = () => (new byte[64], Key(), ProblemCodes.InputNotPem),
        ["truncated base64, no END"] = () => (Utf8(Chain(s => s[..(s.Length / 3)])), Key(), ProblemCodes.PemMalformed),
        ["invalid base64 character"] = () => (Utf8(Chain(s => s.Remove(200, 1).Insert(200, "!"))), Key(), ProblemCodes.PemMalformed),
        ["base64 cut mid-block"] = () => (Utf8(CutBase64(s_good.Value.Leaf.Pem)), Key(), ProblemCodes.PemMalformed),
        ["END label mismatch"] = () => (Utf8(s_good.Value.Leaf.Pem.Replace(End + "CERTIFICATE", End + "X509 CRL", StringComparison.Ordinal)), Key(), ProblemCodes.PemMalformed),
        ["endless BEGIN label"] = () => (Utf8(Begin + new string('A', 100_000)), Key(), ProblemCodes.PemMalformed),
        ["DER certificate"] = () => (s_good.Value.Leaf.Der, Key(), ProblemCodes.InputDer),
        ["DER key"] = () => (Chain(), s_good.Value.Leaf.Key.ExportPkcs8PrivateKey(), ProblemCodes.InputDer),
        ["base64 of PEM (secret data copied raw)"] = () => (Utf8(Convert.ToBase64String(Chain())), Key(), ProblemCodes.InputBase64Encoded),
        ["base64 DER without armour"] = () => (Utf8(Convert.ToBase64String(s_good.Value.Leaf.Der)), Key(), ProblemCodes.InputNotPem),
        ["key where certificate expected"] = () => (Key(), Key(), ProblemCodes.UnexpectedPrivateKey),
        ["certificate where key expected"] = () => (Chain(), Utf8(s_good.Value.Leaf.Pem), ProblemCodes.KeyMissing),
        ["duplicated certificates"] = () => (Utf8(s_good.Value.ChainPem + s_good.Value.Leaf.Pem + s_good.Value.ChainPem), Key(), ProblemCodes.DuplicateCertificate),
        ["5 MB input"] = () => (Utf8(s_good.Value.ChainPem + new string('x', 5 * 1024 * 1024)), Key(), ProblemCodes.InputTooLarge),
        ["5 MB key"] = () => (Chain(), Random(5 * 1024 * 1024, 7), ProblemCodes.InputTooLarge),
        ["chain of 50 certificates"] = () => (Utf8(string.Concat(Enumerable.Repeat(s_good.Value.Leaf.Pem, 1).Concat(Enumerable.Range(0, 49).Select(i => FillerCa(i).Pem)))), Key(), ProblemCodes.TooManyCertificates),
        ["1001 PEM blocks"] = () => (Utf8(string.Concat(Enumerable.Repeat(PemEncoding.WriteString("X", [1, 2, 3]) + "\n", 1001))), Key(), ProblemCodes.TooManyCertificates),
        ["absurd validity 1950-9999"] = () => AbsurdValidity(),
        ["CERTIFICATE block of random bytes"] = () => (Utf8(PemEncoding.WriteString("CERTIFICATE", Random(700, 3))), Key(), ProblemCodes.CertificateUnreadable),
        ["CERTIFICATE block of half a certificate"] = () => (Utf8(PemEncoding.WriteString("CERTIFICATE", s_good.Value.Leaf.Der.AsSpan(0, s_good.Value.Leaf.Der.Length / 2))), Key(), ProblemCodes.CertificateUnreadable),
        ["CERTIFICATE block with trailing bytes"] = () => (Utf8(PemEncoding.WriteString("CERTIFICATE", [.. s_good.Value.Leaf.Der, 0x00, 0x01])), Key(), ProblemCodes.CertificateUnreadable),
        ["CERTIFICATE block of deep nesting"] = () => (Utf8(PemEncoding.WriteString("CERTIFICATE", DeepNesting(5000))), Key(), ProblemCodes.CertificateUnreadable),
        ["key block of random bytes"] = () => (Chain(), Utf8(PemEncoding.WriteString("PRIVATE KEY", Random(300, 5))), ProblemCodes.KeyUnreadable),
        ["RSA key with wrong primes"] = () => (Chain(), Utf8(PemEncoding.WriteString("RSA PRIVATE KEY", InconsistentRsaKey())), ProblemCodes.KeyUnreadable),
        ["EC key on secp256k1"] = () => (Chain(), Utf8(Secp256k1Key()), ProblemCodes.KeyUnreadable),
        ["encrypted PKCS#8 key"] = () => (Chain(), Utf8(s_good.Value.KeyPem(TestKeyFormat.EncryptedPkcs8)), ProblemCodes.KeyEncrypted),
        ["legacy Proc-Type encrypted key"] = () => (Chain(), Utf8(LegacyEncryptedKey()), ProblemCodes.KeyEncrypted),
        ["Ed25519 key"] = () => (Chain(), Utf8(PemEncoding.WriteString("PRIVATE KEY", Ed25519Key())), ProblemCodes.KeyUnsupportedAlgorithm),
        ["OpenSSH key"] = () => (Chain(), Utf8(PemEncoding.WriteString("OPENSSH PRIVATE KEY", Random(400, 9))), ProblemCodes.KeyUnsupportedAlgorithm),
        ["two keys"] = () => (Chain(), Utf8(s_good.Value.KeyPem() + s_good.Value.KeyPem(TestKeyFormat.Pkcs1)), ProblemCodes.KeyMultiple),
        ["certificate request only"] = () => (Utf8(PemEncoding.WriteString("CERTIFICATE REQUEST", Random(300, 11))), Key(), ProblemCodes.PemUnsupportedBlock),
        ["CRLF, indentation, text around blocks"] = () => (Utf8("Bag Attributes\r\n  subject=whatever\r\n" + s_good.Value.ChainPem.Replace("\n", "\r\n  ", StringComparison.Ordinal) + "\r\ntrailing words"), Key(), null),
        ["UTF-8 BOM before PEM"] = () => ([0xEF, 0xBB, 0xBF, .. Chain()], Key(), null),
        ["EC PARAMETERS before SEC1 key"] = () => (Utf8(Pki.Ecdsa.Leaf(TestLeafSpec.Default with { KeyKind = TestKeyKind.EcdsaP256 }).ChainPem), Utf8(PemEncoding.WriteString("EC PARAMETERS", [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]) + "\n" + Pki.Ecdsa.Leaf(TestLeafSpec.Default with { KeyKind = TestKeyKind.EcdsaP256 }).KeyPem(TestKeyFormat.Sec1)), null),
    };

    public static IEnumerable<string> CoveredCodes => s_cases.Values.Select(c => c().Code).OfType<string>();

    public static TheoryData<string> Cases => [.. s_cases.Keys];

    [Fact]
    public void Cases_AreAtLeastThirty() => Assert.True(s_cases.Count >= 30, $"only {s_cases.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValidateCredential_HostileInput_ReportsItsCodeWithoutThrowing(string scenario)
    {
        var (cert, key, code) = s_cases[scenario]();

        var report = s_validator.ValidateCredential(cert, key, Pki.Server);

        if (code is null)
        {
            Assert.True(report.IsValid, string.Join("\n", report.Problems));
        }
        else
        {
            Assert.Contains(report.Problems, p => p.Code == code);
            Assert.All(report.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Chain() => Utf8(s_good.Value.ChainPem);

    private static string Chain(Func<string, string> mutate) => mutate(s_good.Value.ChainPem);

    private static byte[] Key() => Utf8(s_good.Value.KeyPem());

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x99; // never a DER SEQUENCE
        return bytes;
    }

    private static string CutBase64(string pem)
    {
        var lines = pem.Split('\n');
        return string.Join('\n', lines.Take(5)) + "\n" + lines[5][..30] + "\n" + string.Join('\n', lines.Skip(lines.Length - 2));
    }

    private static TestCertificate FillerCa(int i) =>
        TestCertificateFactory.Ca($"CN=Filler {i}", TestKeys.Get(TestKeyKind.EcdsaP256, "filler"), Pki.Ecdsa.Root, Pki.Now.AddDays(-1), Pki.Now.AddDays(100));

    private static (byte[], byte[], string?) AbsurdValidity()
    {
        var leaf = TestCertificateFactory.LeafWithDates(Pki.Rsa.Intermediate, TestLeafSpec.Default, new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero));
        return (Utf8(leaf.Pem + Pki.Rsa.Intermediate.Pem), Utf8(leaf.KeyPem()), ProblemCodes.ValidityTooLong);
    }

    private static byte[] DeepNesting(int depth)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        var scopes = new Stack<AsnWriter.Scope>();
        for (var i = 0; i < Math.Min(depth, 200); i++)
        {
            scopes.Push(writer.PushSequence());
        }

        while (scopes.Count > 0)
        {
            scopes.Pop().Dispose();
        }

        return writer.Encode();
    }

    private static byte[] InconsistentRsaKey()
    {
        var p = ((RSA)s_good.Value.Leaf.Key).ExportParameters(true);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            foreach (var value in new[] { p.Modulus!, p.Exponent!, p.D!, p.Q!, p.Q!, p.DP!, p.DQ!, p.InverseQ! })
            {
                writer.WriteInteger(new System.Numerics.BigInteger(value, isUnsigned: true, isBigEndian: true));
            }
        }

        return writer.Encode();
    }

    private static string Secp256k1Key()
    {
        using var key = ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10"));
        return key.ExportECPrivateKeyPem();
    }

    private static string LegacyEncryptedKey()
    {
        var label = "RSA PRIVATE KEY";
        var body = Convert.ToBase64String(Random(600, 13), Base64FormattingOptions.InsertLineBreaks);
        return Begin + label + Dashes + "\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" + body + "\n" + End + label + Dashes + "\n";
    }

    private static byte[] Ed25519Key()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.101.112");
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(Random(32, 17));
            writer.WriteOctetString(inner.Encode());
        }

        return writer.Encode();
    }
}
