namespace Dashboard.Testing.Certificates;

/// <summary>Shape of a test hierarchy.</summary>
public sealed record TestHierarchyOptions
{
    public string RootName { get; init; } = "CN=Test ISRG Root X1, O=Test Internet Security Research Group, C=US";

    public string IntermediateName { get; init; } = "CN=Test R10, O=Test Let's Encrypt, C=US";

    public TestKeyKind RootKey { get; init; } = TestKeyKind.Rsa4096;

    public TestKeyKind IntermediateKey { get; init; } = TestKeyKind.Rsa2048;

    /// <summary>Distinguishes the key cache entries of hierarchies that must not share keys.</summary>
    public string KeyNamespace { get; init; } = "le";

    /// <summary>EKUs on the intermediate (none by default; Let's Encrypt Gen-Y intermediates carry serverAuth only).</summary>
    public IReadOnlyList<string> IntermediateEkus { get; init; } = [];

    public TimeSpan IntermediateNotBeforeOffset { get; init; } = TimeSpan.FromDays(-365);

    public TimeSpan IntermediateLifetime { get; init; } = TimeSpan.FromDays(3 * 365);

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

    public TestHierarchyOptions Options { get; }

    public TestCertificate Root { get; }

    public TestCertificate Intermediate { get; }

    public static TestHierarchy LetsEncryptLike(DateTimeOffset now, TestHierarchyOptions? options = null) => new(now, options ?? new TestHierarchyOptions());

    /// <summary>A leaf issued by the intermediate.</summary>
    public TestCredential Leaf(TestLeafSpec? spec = null) =>
        new(TestCertificateFactory.Leaf(Intermediate, spec ?? TestLeafSpec.Default, Now), [Intermediate], Root);

    /// <summary>A leaf issued by the root directly (as a private CA does).</summary>
    public TestCredential RootIssuedLeaf(TestLeafSpec? spec = null) =>
        new(TestCertificateFactory.Leaf(Root, spec ?? TestLeafSpec.Default, Now), [], Root);
}
