using System.Text;
using Dashboard.Sandbox.DataPlane.Gateway;
using k8s.Models;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

public sealed class IstioSecretFormatsTests
{
    private static V1Secret Secret(params (string Key, string Value)[] data) =>
        new() { Data = data.ToDictionary(d => d.Key, d => Encoding.ASCII.GetBytes(d.Value)) };

    [Fact]
    public void ExtractCertInfo_BothLayouts_PrefersCertAndKey()
    {
        var pair = IstioSecretFormats.ExtractCertInfo(Secret(("tls.crt", "A"), ("tls.key", "B"), ("cert", "C"), ("key", "D")), out _);

        Assert.Equal(("C", "D", "cert, key"), (Encoding.ASCII.GetString(pair!.Value.Cert), Encoding.ASCII.GetString(pair.Value.Key), pair.Value.Keys));
    }

    [Fact]
    public void ExtractCertInfo_EmptyGenericPair_FallsBackToTlsKeys()
    {
        var pair = IstioSecretFormats.ExtractCertInfo(Secret(("cert", ""), ("key", ""), ("tls.crt", "A"), ("tls.key", "B")), out _);

        Assert.Equal("tls.crt, tls.key", pair!.Value.Keys);
    }

    [Theory]
    [InlineData("cert", "key", "found keys \"cert\" and \"key\", but they were empty")]
    [InlineData("tls.crt", "tls.key", "found keys \"tls.crt\" and \"tls.key\", but they were empty")]
    public void ExtractCertInfo_EmptyPair_NamesTheEmptyKeys(string certKey, string keyKey, string expected)
    {
        Assert.Null(IstioSecretFormats.ExtractCertInfo(Secret((certKey, ""), (keyKey, "")), out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ExtractCertInfo_NoPair_ListsKeyNamesButNeverValues()
    {
        Assert.Null(IstioSecretFormats.ExtractCertInfo(Secret(("tls.crt", "CERTIFICATE-VALUE"), ("client.key", "SECRET-VALUE")), out var error));

        Assert.Equal("found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: client.key, tls.crt", error);
        Assert.DoesNotContain("VALUE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractRoot_BothKeys_PrefersCacert()
    {
        var root = IstioSecretFormats.ExtractRoot(Secret(("ca.crt", "A"), ("cacert", "B")), out _);

        Assert.Equal("cacert", root!.Value.Key);
    }

    [Fact]
    public void ExtractRoot_NoCaKey_SaysWhichKeysItLookedFor()
    {
        Assert.Null(IstioSecretFormats.ExtractRoot(Secret(("tls.crt", "A")), out var error));

        Assert.Equal("found secret, but didn't have expected keys cacert or ca.crt; found: tls.crt", error);
    }
}
