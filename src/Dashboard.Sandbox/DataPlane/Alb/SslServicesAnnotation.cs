using System.Globalization;

namespace Dashboard.Sandbox.DataPlane.Alb;

/// <summary>One entry of the IBM ALB's <c>ssl-services</c> annotation.</summary>
internal sealed record SslService(string Service, string? Secret, string? ProxySslName, int VerifyDepth);

/// <summary>
/// The legacy IBM Ingress ALB's <c>ingress.bluemix.net/ssl-services</c>:
/// <c>ssl-service=&lt;svc&gt; [ssl-secret=&lt;secret&gt;] [proxy-ssl-verify-depth=&lt;1-10&gt;] [proxy-ssl-name=&lt;name&gt;]</c>,
/// entries separated by <c>;</c>; <c>ssl-service</c> must come first. An invalid annotation is ignored as a whole.
/// </summary>
internal static class SslServicesAnnotation
{
    public const string Name = "ingress.bluemix.net/ssl-services";

    /// <summary>The documented default verify depth.</summary>
    public const int DefaultVerifyDepth = 5;

    public static IReadOnlyList<SslService>? Parse(string value, out string? error)
    {
        var services = new List<SslService>();
        foreach (var entry in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pairs = entry.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(token => token.Split('=', 2))
                .ToList();
            if (pairs.Count == 0 || pairs[0][0] != "ssl-service" || pairs[0].Length < 2 || pairs[0][1].Length == 0)
            {
                error = "Expected 1st key is ssl-service in ssl-services annotation";
                return null;
            }

            string? secret = null, name = null;
            var depth = DefaultVerifyDepth;
            foreach (var pair in pairs.Skip(1))
            {
                var key = pair[0];
                var text = pair.Length > 1 ? pair[1] : "";
                switch (key)
                {
                    case "ssl-secret":
                        secret = text;
                        break;
                    case "proxy-ssl-name":
                        name = text;
                        break;
                    case "proxy-ssl-verify-depth" when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 10:
                        depth = d;
                        break;
                    default:
                        error = $"Invalid key or value '{key}={text}' in ssl-services annotation (keys: ssl-service, ssl-secret, proxy-ssl-verify-depth=1..10, proxy-ssl-name)";
                        return null;
                }
            }

            services.Add(new SslService(pairs[0][1], secret, name, depth));
        }

        error = services.Count == 0 ? "The ssl-services annotation is empty" : null;
        return services.Count == 0 ? null : services;
    }
}
