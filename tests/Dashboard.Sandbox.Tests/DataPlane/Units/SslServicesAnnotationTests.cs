using Dashboard.Sandbox.DataPlane.Alb;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

public sealed class SslServicesAnnotationTests
{
    [Fact]
    public void Parse_SeedAnnotation_GivesServiceSecretAndDefaultDepth()
    {
        var services = SslServicesAnnotation.Parse("ssl-service=istio-ingressgateway ssl-secret=alb-certs", out var error);

        Assert.Null(error);
        Assert.Equal([new SslService("istio-ingressgateway", "alb-certs", null, 5)], services);
    }

    [Fact]
    public void Parse_SeveralEntriesWithNameAndDepth_GivesEach()
    {
        var services = SslServicesAnnotation.Parse(
            "ssl-service=a ssl-secret=s1 proxy-ssl-verify-depth=3 proxy-ssl-name=gw.example.com; ssl-service=b", out _);

        Assert.Equal([new SslService("a", "s1", "gw.example.com", 3), new SslService("b", null, null, 5)], services);
    }

    [Theory]
    [InlineData("ssl-secret=alb-certs ssl-service=istio-ingressgateway", "Expected 1st key is ssl-service")]
    [InlineData("ssl-service=a proxy-ssl-verify-depth=11", "proxy-ssl-verify-depth=11")]
    [InlineData("ssl-service=a ssl-secrets=x", "ssl-secrets=x")]
    [InlineData("ssl-service= ssl-secret=x", "Expected 1st key is ssl-service")]
    [InlineData(" ; ", "empty")]
    public void Parse_Malformed_IsRejectedAsAWhole(string value, string expected)
    {
        var services = SslServicesAnnotation.Parse(value, out var error);

        Assert.Null(services);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
