using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Dashboard.Testing.Certificates;

/// <summary>Key types the test PKI can generate.</summary>
public enum TestKeyKind
{
    /// <summary>RSA 2048 bits (IKS leaves, Let's Encrypt R-series intermediates).</summary>
    Rsa2048,
    /// <summary>RSA 4096 bits (ISRG Root X1); slow to generate, so used once per process.</summary>
    Rsa4096,
    /// <summary>ECDSA P-256.</summary>
    EcdsaP256,
    /// <summary>ECDSA P-384 (ISRG Root X2, E-series intermediates).</summary>
    EcdsaP384,
}

/// <summary>How a test key is written as PEM.</summary>
public enum TestKeyFormat
{
    /// <summary>PKCS#8 PRIVATE KEY.</summary>
    Pkcs8,
    /// <summary>PKCS#1 RSA PRIVATE KEY (as IKS stores keys).</summary>
    Pkcs1,
    /// <summary>SEC1 EC PRIVATE KEY.</summary>
    Sec1,
    /// <summary>Passphrase-encrypted PKCS#8 (which the product must refuse).</summary>
    EncryptedPkcs8,
}

/// <summary>
/// Keys generated once per test process and shared by name: RSA generation costs up to a second, and tests need
/// many certificates but few distinct keys. Give two certificates different names when their keys must differ.
/// The keys are never disposed (they live as long as the process).
/// </summary>
public static class TestKeys
{
    private static readonly ConcurrentDictionary<(TestKeyKind Kind, string Name), Lazy<AsymmetricAlgorithm>> s_keys = new();

    /// <summary>The shared key of that kind and name, generated on first use.</summary>
    public static AsymmetricAlgorithm Get(TestKeyKind kind, string name) =>
        s_keys.GetOrAdd((kind, name), k => new Lazy<AsymmetricAlgorithm>(() => Create(k.Kind))).Value;

    /// <summary>A key nobody else uses (not cached): for tests that need a fresh key each time.</summary>
    public static AsymmetricAlgorithm Create(TestKeyKind kind) => kind switch
    {
        TestKeyKind.Rsa2048 => RSA.Create(2048),
        TestKeyKind.Rsa4096 => RSA.Create(4096),
        TestKeyKind.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        TestKeyKind.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The key as PEM in the given format (built at run time; no key is ever committed).</summary>
    public static string ToPem(AsymmetricAlgorithm key, TestKeyFormat format = TestKeyFormat.Pkcs8) => (format, key) switch
    {
        (TestKeyFormat.Pkcs8, _) => key.ExportPkcs8PrivateKeyPem() + "\n",
        (TestKeyFormat.Pkcs1, RSA rsa) => rsa.ExportRSAPrivateKeyPem() + "\n",
        (TestKeyFormat.Sec1, ECDsa ecdsa) => ecdsa.ExportECPrivateKeyPem() + "\n",
        (TestKeyFormat.EncryptedPkcs8, _) => key.ExportEncryptedPkcs8PrivateKeyPem("test-passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1)) + "\n",
        _ => throw new ArgumentException($"{format} does not apply to {key.GetType().Name}."),
    };
}
