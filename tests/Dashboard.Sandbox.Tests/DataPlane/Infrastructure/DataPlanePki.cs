using Dashboard.Testing.Certificates;

namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>
/// The certificates of one simulated IKS cluster, made once per test process: a Let's-Encrypt-like hierarchy
/// issuing the ALB's Ingress subdomain certificate and the gateway's nlb-dns certificate (as the IKS simulator
/// would), and a private CA issuing the ALB's client certificate (the dashboard's PrivateCa profile).
/// </summary>
internal sealed class DataPlanePki
{
    public const string AlbDomain = "mycluster-a1b2c3d4e5f6-0000.us-south.containers.appdomain.cloud";
    public const string GatewayDomain = "mycluster-a1b2c3d4e5f6-0001.us-south.containers.appdomain.cloud";
    public const string HttpbinHost = "httpbin." + AlbDomain;

    private static readonly Lazy<DataPlanePki> s_shared = new(() => new DataPlanePki(DateTimeOffset.UtcNow));

    private DataPlanePki(DateTimeOffset now)
    {
        Now = now;
        LetsEncrypt = TestHierarchy.LetsEncryptLike(now, new TestHierarchyOptions { KeyNamespace = "dp-le", RootKey = TestKeyKind.Rsa2048 });
        Rogue = TestHierarchy.LetsEncryptLike(now, new TestHierarchyOptions
        {
            RootName = "CN=Rogue Root, O=Rogue, C=US",
            IntermediateName = "CN=Rogue Intermediate, O=Rogue, C=US",
            KeyNamespace = "dp-rogue",
            RootKey = TestKeyKind.EcdsaP256,
            IntermediateKey = TestKeyKind.EcdsaP256,
        });
        PrivateCa = TestHierarchy.LetsEncryptLike(now, new TestHierarchyOptions
        {
            RootName = "CN=Dashboard ALB Client CA, O=Sandbox",
            IntermediateName = "CN=Dashboard ALB Client Intermediate, O=Sandbox",
            KeyNamespace = "dp-private",
            RootKey = TestKeyKind.EcdsaP256,
            IntermediateKey = TestKeyKind.EcdsaP256,
        });
        Alb = LetsEncrypt.Leaf(new TestLeafSpec { Host = AlbDomain, KeyName = "dp-alb" });
        AlbWithClientAuth = LetsEncrypt.Leaf(new TestLeafSpec { Host = AlbDomain, KeyName = "dp-alb" }.WithClientAuth());
        Gateway = LetsEncrypt.Leaf(new TestLeafSpec { Host = GatewayDomain, KeyName = "dp-gateway" });
        GatewayRenewed = LetsEncrypt.Leaf(new TestLeafSpec { Host = GatewayDomain, KeyName = "dp-gateway-renewed", NotBeforeOffset = TimeSpan.FromDays(-1) });
        AlbClient = PrivateCa.RootIssuedLeaf(new TestLeafSpec { DnsNames = ["alb-client.sandbox"], KeyName = "dp-client", KeyKind = TestKeyKind.EcdsaP256 }.ClientOnly());
        RogueClient = Rogue.Leaf(new TestLeafSpec { DnsNames = ["rogue-client.sandbox"], KeyName = "dp-rogue-client", KeyKind = TestKeyKind.EcdsaP256 }.ClientOnly());
    }

    public static DataPlanePki Shared => s_shared.Value;

    public DateTimeOffset Now { get; }

    public TestHierarchy LetsEncrypt { get; }

    public TestHierarchy Rogue { get; }

    public TestHierarchy PrivateCa { get; }

    /// <summary>The ALB's Ingress subdomain certificate as Let's Encrypt issues it since 2026: serverAuth only.</summary>
    public TestCredential Alb { get; }

    /// <summary>The same as issued before 2026, with clientAuth: usable as the seed's ALB client certificate.</summary>
    public TestCredential AlbWithClientAuth { get; }

    /// <summary>The gateway's nlb-dns certificate.</summary>
    public TestCredential Gateway { get; }

    /// <summary>The gateway's certificate after an IKS renewal (new key and serial).</summary>
    public TestCredential GatewayRenewed { get; }

    /// <summary>A clientAuth-only certificate from the private CA (the PrivateCa profile's ALB client certificate).</summary>
    public TestCredential AlbClient { get; }

    /// <summary>A client certificate from a CA nobody trusts.</summary>
    public TestCredential RogueClient { get; }
}
