using Dashboard.Sandbox.DataPlane.Httpbin;

namespace Dashboard.Sandbox.DataPlane.Alb;

/// <summary>nginx's built-in error pages.</summary>
internal static class NginxPages
{
    public static UpstreamResponse Error(int status)
    {
        var title = status switch
        {
            400 => "400 Bad Request",
            404 => "404 Not Found",
            502 => "502 Bad Gateway",
            503 => "503 Service Temporarily Unavailable",
            504 => "504 Gateway Time-out",
            _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var body = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return UpstreamResponse.Text(status, body, "text/html");
    }
}
