using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Validation;
using Dashboard.Testing;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

/// <summary>One scenario per problem code: the code is raised, with its severity, and errors block the credential.</summary>
public sealed class ProblemCodeTests
{
    private static readonly CredentialValidator s_validator = Pki.Validator();

    private static readonly Dictionary<string, (Func<IReadOnlyList<CertificateProblem>> Run, string Code, ProblemSeverity Severity)> s_cases = new()
    {
        ["key of another certificate"] = (() => Credential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyName = "other" }).KeyPem()), ProblemCodes.KeyMismatch, ProblemSeverity.Error),
        ["leaf after intermediate"] = (() => Credential(Pki.Rsa.Intermediate.Pem + Pki.Rsa.Leaf().Leaf.Pem, Pki.Rsa.Leaf().KeyPem()), ProblemCodes.LeafNotFirst, ProblemSeverity.Error),
        ["intermediates reversed"] = (() => { var c = ThreeLevel(); return Credential(c.Leaf.Pem + c.Intermediates[1].Pem + c.Intermediates[0].Pem, c.KeyPem()); }, ProblemCodes.ChainOutOfOrder, ProblemSeverity.Warning),
        ["intermediate missing"] = (() => Credential(Pki.Rsa.Leaf().Leaf.Pem, Pki.Rsa.Leaf().KeyPem()), ProblemCodes.ChainIncomplete, ProblemSeverity.Error),
        ["foreign root"] = (() => Credential(Pki.Foreign.Leaf().ChainWithRootPem, Pki.Foreign.Leaf().KeyPem()), ProblemCodes.ChainUntrusted, ProblemSeverity.Error),
        ["foreign certificate appended"] = (() => Credential(Pki.Rsa.Leaf().ChainPem + Pki.Foreign.Intermediate.Pem, Pki.Rsa.Leaf().KeyPem()), ProblemCodes.ChainUnusedCertificate, ProblemSeverity.Warning),
        ["intermediate twice"] = (() => Credential(Pki.Rsa.Leaf().ChainPem + Pki.Rsa.Intermediate.Pem, Pki.Rsa.Leaf().KeyPem()), ProblemCodes.DuplicateCertificate, ProblemSeverity.Warning),
        ["leaf signature altered"] = (() => Credential(TestCertificateFactory.ToPem(TestCertificateFactory.WithCorruptSignature(Pki.Rsa.Leaf().Leaf.Der)) + Pki.Rsa.Intermediate.Pem, Pki.Rsa.Leaf().KeyPem()), ProblemCodes.SignatureInvalid, ProblemSeverity.Error),
        ["leaf signed by a leaf"] = (() => { var (chain, key) = LeafSignedByLeaf(); return Credential(chain, key); }, ProblemCodes.IssuerNotCa, ProblemSeverity.Error),
        ["unknown critical extension"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default with { ExtraExtensions = [new X509Extension("1.3.6.1.4.1.99999.1", [0x05, 0x00], true)] }); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.ChainInvalid, ProblemSeverity.Error),
        ["leaf expired"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default.Expired()); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.Expired, ProblemSeverity.Error),
        ["intermediate expired"] = (() => { var c = ExpiredIntermediate(); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.Expired, ProblemSeverity.Error),
        ["leaf not yet valid"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default.NotYetValid()); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.NotYetValid, ProblemSeverity.Error),
        ["leaf expires in ten days"] = (() => Pki.Validator(TimeSpan.FromDays(70)).ValidateCredential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf().KeyPem(), Pki.Server).Problems, ProblemCodes.ExpiringSoon, ProblemSeverity.Warning),
        ["five-year leaf"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default with { Lifetime = TimeSpan.FromDays(5 * 365) }); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.ValidityTooLong, ProblemSeverity.Warning),
        ["DST Root CA X3 appended"] = (() => Credential(Pki.Rsa.Leaf().ChainPem + DstPem(), Pki.Rsa.Leaf().KeyPem()), ProblemCodes.DstRootX3, ProblemSeverity.Warning),
        ["DST Root CA X3 as CA bundle"] = (() => s_validator.ValidateCaBundle(DstPem()).Problems, ProblemCodes.DstRootX3, ProblemSeverity.Error),
        ["wrong SAN"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default.WrongSan() with { KeyName = "wrong-san" }); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.HostNotCovered, ProblemSeverity.Error),
        ["no SAN"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default with { DnsNames = [] }); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.NoSubjectAltName, ProblemSeverity.Error),
        ["client-only certificate as server"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default.ClientOnly()); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.ServerAuthMissing, ProblemSeverity.Error),
        ["Let's Encrypt-like certificate as client"] = (() => s_validator.ValidateCredential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf().KeyPem(), CredentialPurpose.Client()).Problems, ProblemCodes.ClientAuthMissing, ProblemSeverity.Error),
        ["intermediate restricted to serverAuth"] = (() => { var c = ServerOnlyIntermediate().Leaf(TestLeafSpec.Default.WithClientAuth()); return s_validator.ValidateCredential(c.ChainPem, c.KeyPem(), CredentialPurpose.Client()).Problems; }, ProblemCodes.ClientAuthMissing, ProblemSeverity.Error),
        ["key usage nonRepudiation only"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyUsage = X509KeyUsageFlags.NonRepudiation }); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.KeyUsageIncompatible, ProblemSeverity.Error),
        ["key usage keyCertSign only"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyUsage = X509KeyUsageFlags.KeyCertSign }); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.KeyUsageIncompatible, ProblemSeverity.Error),
        ["RSA 1024 leaf"] = (() => { using var weak = RSA.Create(1024); var leaf = TestCertificateFactory.Leaf(Pki.Rsa.Intermediate, TestLeafSpec.Default, Pki.Now, weak); return Credential(leaf.Pem + Pki.Rsa.Intermediate.Pem, leaf.KeyPem()); }, ProblemCodes.KeyWeak, ProblemSeverity.Error),
        ["SHA-1 signature"] = (() => { var c = Pki.Rsa.Leaf(TestLeafSpec.Default with { SignatureHash = HashAlgorithmName.SHA1 }); return Credential(c.ChainPem, c.KeyPem()); }, ProblemCodes.WeakSignature, ProblemSeverity.Warning),
        ["encrypted key"] = (() => Credential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf().KeyPem(TestKeyFormat.EncryptedPkcs8)), ProblemCodes.KeyEncrypted, ProblemSeverity.Error),
        ["certificate instead of key"] = (() => Credential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf().Leaf.Pem), ProblemCodes.KeyMissing, ProblemSeverity.Error),
        ["certificate next to key"] = (() => Credential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf().KeyPem() + Pki.Rsa.Leaf().Leaf.Pem), ProblemCodes.UnexpectedCertificate, ProblemSeverity.Warning),
        ["two keys"] = (() => Credential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf().KeyPem() + Pki.Ecdsa.Intermediate.KeyPem()), ProblemCodes.KeyMultiple, ProblemSeverity.Error),
        ["key inside certificate input"] = (() => Credential(Pki.Rsa.Leaf().ChainPem + Pki.Rsa.Leaf().KeyPem(), Pki.Rsa.Leaf().KeyPem()), ProblemCodes.UnexpectedPrivateKey, ProblemSeverity.Error),
        ["only a key as certificates"] = (() => Credential(Pki.Rsa.Leaf().KeyPem(), Pki.Rsa.Leaf().KeyPem()), ProblemCodes.CertificateMissing, ProblemSeverity.Error),
        ["leaf in CA bundle"] = (() => s_validator.ValidateCaBundle(Pki.Rsa.Root.Pem + Pki.Rsa.Leaf().Leaf.Pem).Problems, ProblemCodes.CaNotCa, ProblemSeverity.Error),
        ["CA bundle without root"] = (() => s_validator.ValidateCaBundle(Pki.Rsa.Intermediate.Pem).Problems, ProblemCodes.CaBundleNoRoot, ProblemSeverity.Warning),
        ["expired root in CA bundle"] = (() => s_validator.ValidateCaBundle(Pki.Rsa.Root.Pem).Problems.Concat(Pki.Validator(TimeSpan.FromDays(365 * 16)).ValidateCaBundle(Pki.Rsa.Root.Pem).Problems).ToList(), ProblemCodes.Expired, ProblemSeverity.Error),
    };

    public static TheoryData<string> Cases => [.. s_cases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validation_Scenario_RaisesItsCode(string scenario)
    {
        var (run, code, severity) = s_cases[scenario];

        var problems = run();

        var raised = problems.Where(p => p.Code == code).ToList();
        Assert.NotEmpty(raised);
        Assert.All(raised, problem =>
        {
            Assert.Equal(severity, problem.Severity);
            Assert.False(string.IsNullOrWhiteSpace(problem.Message));
            Assert.False(string.IsNullOrWhiteSpace(problem.Remedy));
        });
        // Each scenario has exactly the one defect: an error blocks, a warning alone does not.
        Assert.Equal(severity == ProblemSeverity.Error, problems.HasErrors());
    }

    [Fact]
    public void Cases_CoverEveryValidationCode()
    {
        var covered = s_cases.Values.Select(c => c.Code).Concat(MalformedInputTests.CoveredCodes).Concat(LayoutTests.CoveredCodes).Concat(LayoutForgeryTests.CoveredCodes).ToHashSet();

        var uncovered = ProblemCodes.All.Select(i => i.Code).Where(c => !covered.Contains(c)).ToList();
        Assert.True(uncovered.Count == 0, "No scenario for: " + string.Join(", ", uncovered));
    }

    public static TheoryData<string, int, string, string> CaBundleTimeCases => new()
    {
        // scenario, clock offset in days, problem code, the certificate's role as the sentence must name it
        { "root expired", 365 * 16, ProblemCodes.Expired, "The CA certificate 'CN=Test ISRG Root X1" },
        { "root expiring", (365 * 15) - 10, ProblemCodes.ExpiringSoon, "The CA certificate 'CN=Test ISRG Root X1" },
        { "root not yet valid", -(365 * 6), ProblemCodes.NotYetValid, "The CA certificate 'CN=Test ISRG Root X1" },
        { "intermediate expired", 800, ProblemCodes.Expired, "The CA certificate 'CN=Test R10" },
    };

    [Theory]
    [MemberData(nameof(CaBundleTimeCases))]
    public void ValidateCaBundle_TimeProblem_NamesTheCaCertificateNotALeaf(string scenario, int days, string code, string expectedStart)
    {
        var bundle = scenario.StartsWith("intermediate", StringComparison.Ordinal) ? Pki.Rsa.Intermediate.Pem + Pki.Rsa.Root.Pem : Pki.Rsa.Root.Pem;

        var problems = Pki.Validator(TimeSpan.FromDays(days)).ValidateCaBundle(bundle).Problems;

        var problem = Assert.Single(problems, p => p.Code == code);
        Assert.StartsWith(expectedStart, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("leaf", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ValidateCredential_ExpiredRootOnPath_StillCallsItTheRoot()
    {
        var store = Trust.TrustStore.Default.With([Pki.Rsa.Root.Certificate]);
        var validator = new CredentialValidator(Pki.Clock(TimeSpan.FromDays(365 * 16)), store);
        var credential = Pki.Rsa.Leaf();

        var problems = validator.ValidateCredential(credential.ChainPem, credential.KeyPem(), Pki.Server).Problems;

        Assert.Contains(problems, p => p.Code == ProblemCodes.Expired && p.Message.StartsWith("The root 'CN=Test ISRG Root X1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == ProblemCodes.Expired && p.Message.StartsWith("The leaf ", StringComparison.Ordinal));
    }

    private static IReadOnlyList<CertificateProblem> Credential(string chain, string key) =>
        s_validator.ValidateCredential(chain, key, Pki.Server).Problems;

    private static string DstPem() => File.ReadAllText(RepositoryPaths.Combine("src", "Dashboard.Certificates", "Trust", "Roots", "DST_Root_CA_X3.pem"));

    private static TestCredential ThreeLevel()
    {
        var second = TestCertificateFactory.Ca("CN=Test Second Intermediate", TestKeys.Get(TestKeyKind.EcdsaP256, "second-intermediate"), Pki.Rsa.Intermediate, Pki.Now.AddDays(-30), Pki.Now.AddDays(300), 0);
        var leaf = TestCertificateFactory.Leaf(second, TestLeafSpec.Default, Pki.Now);
        return new TestCredential(leaf, [second, Pki.Rsa.Intermediate], Pki.Rsa.Root);
    }

    private static (string Chain, string Key) LeafSignedByLeaf()
    {
        var issuer = Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyName = "issuing-leaf", Host = "issuer.example.org" }).Leaf;
        var leaf = TestCertificateFactory.Leaf(issuer, TestLeafSpec.Default, Pki.Now);
        return (leaf.Pem + issuer.Pem + Pki.Rsa.Intermediate.Pem, leaf.KeyPem());
    }

    private static TestCredential ExpiredIntermediate() => TestHierarchy.LetsEncryptLike(Pki.Now, new TestHierarchyOptions
    {
        IntermediateName = "CN=Test Expired Intermediate",
        IntermediateNotBeforeOffset = TimeSpan.FromDays(-400),
        IntermediateLifetime = TimeSpan.FromDays(365),
    }).Leaf();

    private static TestHierarchy ServerOnlyIntermediate() => TestHierarchy.LetsEncryptLike(Pki.Now, new TestHierarchyOptions
    {
        IntermediateName = "CN=Test YR1, O=Test Let's Encrypt, C=US",
        IntermediateEkus = ["1.3.6.1.5.5.7.3.1"],
    });
}
