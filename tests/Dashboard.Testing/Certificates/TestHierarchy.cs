namespace Dashboard.Testing.Certificates;

/// <summary>Shape of a test hierarchy.</summary>
public sealed record TestHierarchyOptions
{
    /// <summary>Root subject.</summary>
    public string RootName { get; init; } = "CN=Test ISRG Root X1, O=Test Internet Security Research Group, C=US";

    /// <summary>Intermediate subject.</summary>
    public string IntermediateName { get; init; } = "CN=Test R10, O=Test Let's Encrypt, C=US";

    /// <summary>Root key type.</summary>
    public TestKeyKind RootKey { get; init; } = TestKeyKind.Rsa4096;

    /// <summary>Intermediate key type.</summary>
    public TestKeyKind IntermediateKey { get; init; } = TestKeyKind.Rsa2048;

    /// <summary>Distinguishes the key cache entries of hierarchies that must not share keys.</summary>
    public string KeyNamespace { get; init; } = "le";

    /// <summary>EKUs on the intermediate (none by default; Let's Encrypt Gen-Y intermediates carry serverAuth only).</summary>
    public IReadOnlyList<string> IntermediateEkus { get; init; } = [];

    /// <summary>Intermediate not-before relative to "now".</summary>
    public TimeSpan IntermediateNotBeforeOffset { get; init; } = TimeSpan.FromDays(-365);

    /// <summary>Intermediate validity.</summary>
    public TimeSpan IntermediateLifetime { get; init; } = TimeSpan.FromDays(3 * 365);

    /// <summary>An ISRG Root X2 / E5-like ECDSA P-384 hierarchy.</summary>
    public static TestHierarchyOptions Ecdsa { get; } = new()
    {
        RootName = "CN=Test ISRG Root X2, O=Test Internet Security Research Group, C=US",
        IntermediateName = "CN=Test E5, O=Test Let's Encrypt, C=US",
        RootKey = TestKeyKind.EcdsaP384,
        IntermediateKey = TestKeyKind.EcdsaP384,
        KeyNamespace = "le-ecdsa",
    };
}

/// <summary>
/// A Let's-Encrypt-like hierarchy: root → intermediate → 90-day leaves with SANs <c>host</c> and <c>*.host</c>,
/// serverAuth only, plus variants. Cheap to create once keys are cached; tests share instances per class.
/// </summary>
public sealed class TestHierarchy
{
    private TestHierarchy(DateTimeOffset now, TestHierarchyOptions options)
    {
        Now = now;
        Options = options;
        Root = TestCertificateFactory.SelfSignedCa(options.RootName, TestKeys.Get(options.RootKey, options.KeyNamespace + "-root"), now.AddYears(-5), now.AddYears(15));
        var intermediateStart = now + options.IntermediateNotBeforeOffset;
        Intermediate = TestCertificateFactory.Ca(
            options.IntermediateName, TestKeys.Get(options.IntermediateKey, options.KeyNamespace + "-intermediate"), Root,
            intermediateStart, intermediateStart + options.IntermediateLifetime, 0, [.. options.IntermediateEkus]);
    }

    /// <summary>The instant the hierarchy was built around (use it as the FakeTimeProvider's start).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The options it was built with.</summary>
    public TestHierarchyOptions Options { get; }

    /// <summary>The self-signed root.</summary>
    public TestCertificate Root { get; }

    /// <summary>The intermediate (path length 0).</summary>
    public TestCertificate Intermediate { get; }

    /// <summary>Builds a hierarchy around <paramref name="now"/>.</summary>
    public static TestHierarchy LetsEncryptLike(DateTimeOffset now, TestHierarchyOptions? options = null) => new(now, options ?? new TestHierarchyOptions());

    /// <summary>A leaf issued by the intermediate.</summary>
    public TestCredential Leaf(TestLeafSpec? spec = null) =>
        new(TestCertificateFactory.Leaf(Intermediate, spec ?? TestLeafSpec.Default, Now), [Intermediate], Root);

    /// <summary>A leaf issued by the root directly (as a private CA does).</summary>
    public TestCredential RootIssuedLeaf(TestLeafSpec? spec = null) =>
        new(TestCertificateFactory.Leaf(Root, spec ?? TestLeafSpec.Default, Now), [], Root);
}
