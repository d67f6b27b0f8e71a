using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Certificates.Tests;

/// <summary>Hierarchies shared by the test classes (keys and certificates are made once per process).</summary>
internal static class Pki
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<TestHierarchy> s_rsa = new(() => TestHierarchy.LetsEncryptLike(Now));
    private static readonly Lazy<TestHierarchy> s_ecdsa = new(() => TestHierarchy.LetsEncryptLike(Now, TestHierarchyOptions.Ecdsa));
    private static readonly Lazy<TestHierarchy> s_foreign = new(() => TestHierarchy.LetsEncryptLike(Now, new TestHierarchyOptions
    {
        RootName = "CN=Foreign Root, O=Elsewhere",
        IntermediateName = "CN=Foreign Intermediate, O=Elsewhere",
        RootKey = TestKeyKind.EcdsaP256,
        IntermediateKey = TestKeyKind.EcdsaP256,
        KeyNamespace = "foreign",
    }));

    private static readonly Lazy<TrustStore> s_store = new(() => TrustStore.Default.With([s_rsa.Value.Root.Certificate, s_ecdsa.Value.Root.Certificate]));

    /// <summary>Let's-Encrypt-like: RSA 4096 root → RSA 2048 intermediate → RSA 2048 leaves.</summary>
    public static TestHierarchy Rsa => s_rsa.Value;

    /// <summary>ECDSA P-384 root → P-384 intermediate.</summary>
    public static TestHierarchy Ecdsa => s_ecdsa.Value;

    /// <summary>A hierarchy whose root is not in <see cref="Store"/>.</summary>
    public static TestHierarchy Foreign => s_foreign.Value;

    /// <summary>The default roots plus the two test roots (as the sandbox adds its own root).</summary>
    public static TrustStore Store => s_store.Value;

    public static string Host => TestLeafSpec.DefaultHost;

    public static FakeTimeProvider Clock(TimeSpan? offset = null) => new(Now + (offset ?? TimeSpan.Zero));

    public static CredentialValidator Validator(TimeSpan? offset = null) => new(Clock(offset), Store);

    public static CredentialPurpose Server => CredentialPurpose.Server(Host, "www." + Host);
}
