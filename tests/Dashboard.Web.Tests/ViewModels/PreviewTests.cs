using System.Security.Cryptography;
using Dashboard.Web.ViewModels.Preview;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class PreviewTests
{
    [Fact]
    public void KeyMaterialFilter_PemBase64AndDerKeys_Redacted()
    {
        var text = $"tls.key: |\n{Indent(TestKeys.RsaPem)}\nec: {TestKeys.EcPem}\ndata:\n  tls.key: {TestKeys.RsaPemBase64}\n  der: {TestKeys.EcDerBase64}\n";

        var redacted = KeyMaterialFilter.Redact(text);

        Assert.DoesNotContain("PRIVATE KEY", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.RsaPemBase64[..40], redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.EcDerBase64[..40], redacted, StringComparison.Ordinal);
        Assert.All(TestKeys.BodyLines(TestKeys.RsaPem).Concat(TestKeys.BodyLines(TestKeys.EcPem)), line => Assert.DoesNotContain(line, redacted, StringComparison.Ordinal));
        Assert.Equal(4, redacted.Split(KeyMaterialFilter.Placeholder).Length - 1);
    }

    [Fact]
    public void KeyMaterialFilter_CertificatesAndOrdinaryText_Untouched()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=httpbin", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var text = $"ca.crt: {certificate.ExportCertificatePem()}\nca.b64: {Convert.ToBase64String(certificate.RawData)}\nsummary: private key (Ecdsa 256 bits, 241 bytes; never shown)";

        Assert.Equal(text, KeyMaterialFilter.Redact(text));
    }

    [Fact]
    public void YamlHighlighter_Manifest_ClassifiesTokensAndKeepsTheText()
    {
        const string yaml = "apiVersion: v1\nkind: Service # the backend\nspec:\n  ports:\n  - port: 8000\n    name: 'http'\n  enabled: true\n";

        var segments = YamlHighlighter.Highlight(yaml);

        Assert.Equal(yaml, string.Concat(segments.Select(s => s.Text)));
        Assert.Contains(new TextSegment("apiVersion", "yaml-key"), segments);
        Assert.Contains(new TextSegment("Service", "yaml-value"), segments);
        Assert.Contains(new TextSegment("# the backend", "yaml-comment"), segments);
        Assert.Contains(new TextSegment("8000", "yaml-number"), segments);
        Assert.Contains(new TextSegment("'http'", "yaml-string"), segments);
        Assert.Contains(new TextSegment("true", "yaml-literal"), segments);
        Assert.Contains(new TextSegment("-", "yaml-punct"), segments);
    }

    [Fact]
    public void YamlHighlighter_NotYamlOrWithKey_PlainTextAndNoKeyMaterial()
    {
        Assert.Equal([new TextSegment("name: 'unterminated\n", null)], YamlHighlighter.Highlight("name: 'unterminated\n"));
        Assert.Equal("key: [unclosed", string.Concat(YamlHighlighter.Highlight("key: [unclosed").Select(s => s.Text)));

        var segments = YamlHighlighter.Highlight($"data:\n  tls.key: {TestKeys.RsaPemBase64}\n");
        Assert.DoesNotContain(segments, s => s.Text.Contains(TestKeys.RsaPemBase64[..40], StringComparison.Ordinal));
        Assert.Contains(segments, s => s.Text == KeyMaterialFilter.Placeholder);
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));
}
