using System.Globalization;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Remote;

/// <summary>File names for the images of a review case: <c>finding-1-impression.png</c>, <c>finding-1-fold.png</c>, …</summary>
internal static class ReviewImageFiles
{
    /// <summary>
    /// One name per image, in the response's order: the finding numbered from 1 as the verification
    /// prints it, then the view. A second image of the same finding and view (another specimen) gets
    /// the specimen id, then a counter, so no file overwrites another.
    /// </summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<ReviewImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(images.Count);
        foreach (ReviewImage image in images)
        {
            string stem = Stem(image);
            string name = stem + ".png";
            if (taken.Contains(name) && image.SpecimenId.Length > 0)
            {
                name = $"{stem}-{Safe(image.SpecimenId)}.png";
            }

            for (int n = 2; taken.Contains(name); n++)
            {
                name = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}.png";
            }

            taken.Add(name);
            names.Add(name);
        }

        return names;
    }

    /// <summary><c>finding-{index+1}-{view}</c>, the view in lower case with hyphens (<c>side-by-side</c>).</summary>
    public static string Stem(ReviewImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        string view = ProtoEnums.Name(image.Kind).ToLowerInvariant().Replace('_', '-');
        return $"finding-{(image.FindingIndex + 1).ToString(CultureInfo.InvariantCulture)}-{view}";
    }

    private static string Safe(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
