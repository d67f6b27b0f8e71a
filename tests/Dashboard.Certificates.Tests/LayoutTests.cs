namespace Dashboard.Certificates.Tests;

public sealed class LayoutTests
{
    public static IEnumerable<string> CoveredCodes => [];
}
