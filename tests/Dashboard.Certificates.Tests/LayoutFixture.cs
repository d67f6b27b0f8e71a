using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

/// <summary>A gateway server credential (RSA, Let's-Encrypt-like) and an ALB client credential (ECDSA, clientAuth), validated.</summary>
internal static class LayoutFixture
{
    private static readonly Lazy<TestCredential> s_server = new(() => Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyName = "gateway" }));
    private static readonly Lazy<TestCredential> s_client = new(() => Pki.Ecdsa.Leaf(TestLeafSpec.Default.ClientOnly() with { Host = "alb.example.org", KeyKind = TestKeyKind.EcdsaP256, KeyName = "alb" }));

    public static CredentialValidator Validator { get; } = Pki.Validator();

    public static TestCredential ServerCredential => s_server.Value;

    public static TestCredential ClientCredential => s_client.Value;

    /// <summary>PKCS#1, as IKS stores its keys.</summary>
    public static CredentialReport Server() => Validator.ValidateCredential(ServerCredential.ChainPem, ServerCredential.KeyPem(TestKeyFormat.Pkcs1), Pki.Server);

    public static CredentialReport Client() => Validator.ValidateCredential(ClientCredential.ChainPem, ClientCredential.KeyPem(TestKeyFormat.Sec1), CredentialPurpose.Client());

    /// <summary>The CA bundle that verifies the gateway's server chain, computed from it.</summary>
    public static CaBundleReport ServerCa() => Validator.CaBundleFor(Server().Credential!);

    /// <summary>The CA bundle that verifies the ALB's client chain, computed from it.</summary>
    public static CaBundleReport ClientCa() => Validator.CaBundleFor(Client().Credential!);
}
