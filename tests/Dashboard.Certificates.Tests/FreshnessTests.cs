using Dashboard.Certificates.Freshness;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

public sealed class FreshnessTests
{
    [Fact]
    public void Compare_SameLeafAndKey_EvenWithRootAppended_IsFresh()
    {
        var source = Pki.Rsa.Leaf();

        var report = FreshnessComparer.Compare(source.ChainPem, source.KeyPem(TestKeyFormat.Pkcs1), source.ChainWithRootPem, source.KeyPem(TestKeyFormat.Pkcs8));

        Assert.Equal(FreshnessState.Fresh, report.State);
        Assert.True(report.KeyMatches);
        Assert.False(report.NeedsResync);
    }

    [Fact]
    public void Compare_RenewedSource_IsStaleAndNamesOldAndNewSerial()
    {
        var old = Pki.Rsa.Leaf(TestLeafSpec.Default with { NotBeforeOffset = TimeSpan.FromDays(-60), KeyName = "old" });
        var renewed = Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyName = "renewed" });

        var report = FreshnessComparer.Compare(renewed.ChainPem, renewed.KeyPem(), old.ChainWithRootPem, old.KeyPem());

        Assert.Equal(FreshnessState.Stale, report.State);
        Assert.True(report.NeedsResync);
        Assert.False(report.KeyMatches);
        Assert.Contains($"serial {old.Leaf.SerialNumber} (expires {old.Leaf.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}) → {renewed.Leaf.SerialNumber} (expires {renewed.Leaf.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameCertificateDifferentKey_IsStale()
    {
        var source = Pki.Rsa.Leaf();
        var other = Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyName = "other" });

        var report = FreshnessComparer.Compare(source.ChainPem, source.KeyPem(), source.ChainPem, other.KeyPem());

        Assert.Equal(FreshnessState.Stale, report.State);
        Assert.Contains("different private key", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MissingDerivedOrBrokenSource_SaysSo()
    {
        var source = Pki.Rsa.Leaf();

        Assert.Equal(FreshnessState.DerivedUnreadable, FreshnessComparer.Compare(source.ChainPem, source.KeyPem(), null, null).State);
        Assert.Equal(FreshnessState.SourceUnreadable, FreshnessComparer.Compare("junk", null, source.ChainPem, null).State);
    }

    [Fact]
    public void CompareCaBundles_SetSemantics()
    {
        Assert.Equal(FreshnessState.Fresh, FreshnessComparer.CompareCaBundles(Pki.Rsa.Root.Pem + Pki.Ecdsa.Root.Pem, Pki.Ecdsa.Root.Pem + Pki.Rsa.Root.Pem).State);
        var stale = FreshnessComparer.CompareCaBundles(Pki.Rsa.Root.Pem, Pki.Ecdsa.Root.Pem);
        Assert.Equal(FreshnessState.Stale, stale.State);
        Assert.Contains("Test ISRG Root X1", stale.Description, StringComparison.Ordinal);
    }
}
