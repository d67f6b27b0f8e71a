using System.Security.Cryptography;
using Dashboard.Certificates.Parsing;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

/// <summary>Seeded byte mutations of real certificates and keys: parsing and validation never throw, and every problem is a documented code.</summary>
public sealed class FuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ValidateCredential_MutatedDer_NeverThrows(int seed)
    {
        var credential = Pki.Ecdsa.Leaf(TestLeafSpec.Default with { KeyKind = TestKeyKind.EcdsaP256 });
        var certDer = credential.Leaf.Der;
        var keyDer = credential.Leaf.Key.ExportPkcs8PrivateKey();
        var random = new Random(seed);
        var validator = Pki.Validator();

        for (var i = 0; i < 150; i++)
        {
            var cert = Mutate(certDer, random);
            var key = Mutate(keyDer, random);
            var certPem = PemEncoding.WriteString("CERTIFICATE", cert) + "\n" + credential.Intermediates[0].Pem;
            var keyPem = PemEncoding.WriteString(i % 2 == 0 ? "PRIVATE KEY" : "EC PRIVATE KEY", key);

            var report = validator.ValidateCredential(certPem, keyPem, Pki.Server);
            _ = PemBundle.Parse(cert);

            Assert.All(report.Problems, p => Assert.NotNull(ProblemCodes.Describe(p.Code)));
            Assert.Equal(report.IsValid, report.Credential is not null);
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var copy = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
                }

                return copy;
            case 1:
                return copy[..random.Next(1, copy.Length)];
            default:
                var at = random.Next(copy.Length);
                return [.. copy[..at], .. new byte[random.Next(1, 8)], .. copy[at..]];
        }
    }
}
