using Dashboard.Core.Kubernetes;
using DiffPlex.Renderer;

namespace Dashboard.Core.Tests.Kubernetes;

/// <summary>The diff model: built from DiffPlex's line model, rendered as DiffPlex's own unified diff, counted without re-parsing.</summary>
public sealed class ManifestDiffTests
{
    private const string Gateway = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: istio-system\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 443\n    tls:\n      mode: SIMPLE\n      credentialName: gw-cert";

    [Fact]
    public void Between_NewObjectOfEightLines_CountsEightAddedNoTrailingEmptyLine()
    {
        // Issue 13: a new eight-line object was shown as "+9 −0", its final newline counted as a ninth line.
        var yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: httptools\n  labels:\n    istio-injection: enabled\n    app.kubernetes.io/managed-by: iks-istio-mtls-dashboard\n    setup: abc\n";

        var diff = ManifestDiff.Between(null, yaml, "Namespace/httptools");

        Assert.Equal((8, 0), (diff.Added, diff.Removed));
        Assert.Equal("@@ -0,0 +1,8 @@", diff.Lines[2].Text);
        Assert.Equal(["--- live/Namespace/httptools", "+++ desired/Namespace/httptools"], diff.Lines.Take(2).Select(l => l.Text));
        Assert.All(diff.Lines.Skip(3), l => Assert.Equal(DiffLineKind.Added, l.Kind));
    }

    [Fact]
    public void Between_EqualTexts_NoLines()
    {
        Assert.Same(ManifestDiff.None, ManifestDiff.Between(Gateway + "\n", Gateway + "\n", "Gateway/gw"));
        Assert.Equal("", ManifestDiff.None.ToString());
    }

    [Fact]
    public void Between_YamlSeparatorInsideAHunk_IsARemovedLineNotAHeader()
    {
        var diff = ManifestDiff.Between("kind: Gateway\n  mode: SIMPLE\n---\n", "kind: Gateway\n  mode: MUTUAL\n", "Gateway/gw");

        Assert.Equal(
            [DiffLineKind.Header, DiffLineKind.Header, DiffLineKind.Hunk, DiffLineKind.Context, DiffLineKind.Removed, DiffLineKind.Removed, DiffLineKind.Added],
            diff.Lines.Select(l => l.Kind));
        Assert.Equal((1, 2), (diff.Added, diff.Removed));
    }

    [Theory]
    [InlineData("      mode: SIMPLE", "      mode: MUTUAL")]
    [InlineData("  name: gw", "  name: gateway")]
    [InlineData("kind: Gateway", "kind: Gateway\nextra: line")]
    [InlineData("    istio: ingressgateway", "    istio: ingressgateway\n    app: istio-ingressgateway\n    zone: a")]
    [InlineData("      mode: SIMPLE", "      mode: SIMPLE2\n      extra: x")]
    [InlineData("  selector:\n    istio: ingressgateway", "  selector: {}")]
    public void Between_EditedManifest_SameTextAsDiffPlexsUnifiedRenderer(string from, string to)
    {
        var live = Gateway.Replace(from, to, StringComparison.Ordinal).Replace("  namespace: istio-system", "  namespace: default", StringComparison.Ordinal);

        var diff = ManifestDiff.Between(live, Gateway, "Gateway/gw");

        // Without final newlines DiffPlex's renderer sees the same lines: its text is the reference for ours.
        var expected = UnidiffRenderer.GenerateUnidiff(live, Gateway, "live/Gateway/gw", "desired/Gateway/gw", false, false, 3);
        Assert.Equal(expected.TrimEnd('\n'), diff.ToString().TrimEnd('\n'));
        Assert.Equal(diff.Lines.Count(l => l.Text.StartsWith('+') && l.Kind != DiffLineKind.Header), diff.Added);
    }
}
