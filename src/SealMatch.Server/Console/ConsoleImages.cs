using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace SealMatch.Server.WebConsole;

/// <summary>
/// Images a console screen has fetched through a service call (which recorded the look in the audit
/// trail), held briefly under an unguessable token so the browser can load them over HTTP
/// (<c>Cache-Control: no-store</c>) for the same user only. Nothing is fetched or audited here.
/// </summary>
internal sealed class ConsoleImages(IMemoryCache cache)
{
    private readonly IMemoryCache _cache = cache;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Holds <paramref name="png"/> for <paramref name="userId"/>; returns the URL to load it from.</summary>
    public string Hold(string userId, byte[] png, string contentType = "image/png") => Hold(userId, png, contentType, null);

    /// <summary>Holds a file (a report's CSV) to download as <paramref name="fileName"/>.</summary>
    public string Hold(string userId, byte[] bytes, string contentType, string? fileName)
    {
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _cache.Set(Key(token), new HeldImage(userId, bytes, contentType, fileName), Lifetime);
        return $"/console/images/{token}";
    }

    /// <summary>The image endpoint: only the user it was held for gets it, never cached by the browser.</summary>
    public static IResult Serve(string token, HttpContext http, ConsoleImages images)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        string? user = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user is null || !images._cache.TryGetValue(Key(token), out HeldImage? image) || image is null || image.UserId != user)
        {
            return Results.NotFound();
        }

        return Results.File(image.Bytes, image.ContentType, image.FileName);
    }

    private static string Key(string token) => "console-image:" + token;

    private sealed record HeldImage(string UserId, byte[] Bytes, string ContentType, string? FileName);
}
