using System.Text.Json;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Web.Security;

/// <summary>
/// <c>/api</c> answers every error as problem details JSON (RFC 9457), never the HTML error page: unknown routes
/// (404), wrong methods (405), unreadable bodies (400 naming what could not be read), bodies over the limit (413),
/// and failures (500, without internals). Pages keep the HTML error page.
/// </summary>
internal static class ApiErrorResponses
{
    /// <summary>The largest /api request body; the API takes small JSON documents.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseDashboardErrorResponses(this IApplicationBuilder app)
    {
        app.UseWhen(http => AuthSetup.IsApiRequest(http.Request), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusCodeOf });
            api.UseStatusCodePages();
            api.Use(async (http, next) =>
            {
                // Refused before anything reads it; a body without a declared length is cut off by the server at the same size.
                if (http.Request.ContentLength > MaxBodyBytes)
                {
                    await Results.Problem($"The request body is {http.Request.ContentLength} bytes; /api takes JSON documents of at most {MaxBodyBytes} bytes.",
                        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large").ExecuteAsync(http);
                    return;
                }

                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = MaxBodyBytes;
                }

                await next(http);
            });
        });
        app.UseWhen(http => !AuthSetup.IsApiRequest(http.Request), pages =>
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true, StatusCodeSelector = StatusCodeOf }));
        return app;
    }

    private static int StatusCodeOf(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>Turns an unreadable /api request into a problem that says what could not be read; other failures get the default 500 problem.</summary>
    internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad || !AuthSetup.IsApiRequest(httpContext.Request))
            {
                return false;
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is larger than {MaxBodyBytes} bytes: /api takes small JSON documents."
                : bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = { Status = bad.StatusCode, Title = "The request cannot be read", Detail = detail },
            });
        }
    }
}
