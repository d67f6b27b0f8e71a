using System.Text;
using System.Text.Json;
using Dashboard.Sandbox.DataPlane.Httpbin;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

public sealed class HttpbinAppTests
{
    /// <summary>The teapot as the seed's curl prints it (the seed's code block, de-indented).</summary>
    private const string SeedTeapot = """"

            -=[ teapot ]=-

               _...._
             .'  _ _ `.
            | ."` ^ `". _,
            \_;`"---"`|//
              |       ;/
              \_     _/
                `"""`

        """";

    private static UpstreamResponse Get(string path, string query = "", params (string, string)[] headers) =>
        HttpbinApp.Handle(new UpstreamRequest("GET", path, query, [.. headers.Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2))], "10.0.0.7", "https"));

    [Fact]
    public void Status418_AnswersTheTeapotExactlyAsTheSeedShowsIt()
    {
        var response = Get("/status/418");

        Assert.Equal(418, response.Status);
        Assert.Equal(SeedTeapot, Encoding.UTF8.GetString(response.Body));
        Assert.Contains(response.Headers, h => h.Key == "x-more-info" && h.Value == "http://tools.ietf.org/html/rfc2324");
    }

    [Theory]
    [InlineData("/status/abc", 400)]
    [InlineData("/status/700", 400)]
    [InlineData("/status/204", 204)]
    [InlineData("/status/302", 302)]
    [InlineData("/nothing-here", 404)]
    public void Status_VariousPaths_AnswerAsHttpbin(string path, int status) => Assert.Equal(status, Get(path).Status);

    [Fact]
    public void StatusList_PicksOneOfTheCodes()
    {
        var seen = Enumerable.Range(0, 50).Select(_ => Get("/status/201,202").Status).ToHashSet();

        Assert.Subset(new HashSet<int> { 201, 202 }, seen);
    }

    [Fact]
    public void Headers_TitleCasesNamesAndJoinsRepeats()
    {
        var response = Get("/headers", "", ("x-forwarded-client-cert", "Hash=ab"), ("accept", "a"), ("accept", "b"));
        using var json = JsonDocument.Parse(response.Body);
        var headers = json.RootElement.GetProperty("headers");

        Assert.Equal("Hash=ab", headers.GetProperty("X-Forwarded-Client-Cert").GetString());
        Assert.Equal("a,b", headers.GetProperty("Accept").GetString());
    }

    [Fact]
    public void Get_ShowsArgsOriginAndUrl()
    {
        using var json = JsonDocument.Parse(Get("/get", "?a=1&b=two+words", ("host", "httpbin.example.com")).Body);

        Assert.Equal("two words", json.RootElement.GetProperty("args").GetProperty("b").GetString());
        Assert.Equal("10.0.0.7", json.RootElement.GetProperty("origin").GetString());
        Assert.Equal("https://httpbin.example.com/get?a=1&b=two+words", json.RootElement.GetProperty("url").GetString());
    }
}
