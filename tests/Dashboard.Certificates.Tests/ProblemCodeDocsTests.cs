using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Testing;

namespace Dashboard.Certificates.Tests;

public sealed partial class ProblemCodeDocsTests
{
    private static readonly string[] s_constants = typeof(ProblemCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Catalog_ListsEveryCodeOnce_WithMeaningAndRemedy()
    {
        Assert.Equal(s_constants.Order(), ProblemCodes.All.Select(i => i.Code).Order());
        Assert.Equal(s_constants.Length, s_constants.Distinct().Count());
        Assert.All(ProblemCodes.All, i =>
        {
            Assert.Matches("^CERT_[A-Z0-9_]+$", i.Code);
            Assert.EndsWith(".", i.Meaning, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(i.Remedy));
            Assert.Same(i, ProblemCodes.Describe(i.Code));
        });
    }

    [Fact]
    public void DocsPage_DocumentsExactlyTheCatalog_WithSeverityAndRemedy()
    {
        var page = File.ReadAllText(RepositoryPaths.Combine("docs", "certificate-problems.md"));
        var sections = Heading().Matches(page).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(ProblemCodes.All.Select(i => i.Code).Order(), sections.Order());
        foreach (var info in ProblemCodes.All)
        {
            var section = page[page.IndexOf("### " + info.Code + "\n", StringComparison.Ordinal)..];
            section = section[..(section.IndexOf("\n### ", 4, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];
            Assert.Contains($"**{info.DefaultSeverity}**", section, StringComparison.Ordinal);
            Assert.Contains(info.Meaning, section, StringComparison.Ordinal);
            Assert.Contains("Remedy: " + info.Remedy, section, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^### (CERT_[A-Z0-9_]+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
