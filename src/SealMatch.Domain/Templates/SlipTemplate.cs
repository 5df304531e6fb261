using System.Collections.ObjectModel;
using System.Globalization;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Templates;

/// <summary>
/// A known slip layout registered by an administrator: the page size and the named regions where
/// seals and signatures are, in millimetres, so a teller system names the template instead of sending
/// coordinates with every slip. Immutable once created: a changed layout is a new template, so a stored
/// verification's template still means what it meant.
/// </summary>
public sealed class SlipTemplate
{
    /// <summary>Most regions one template may have.</summary>
    public const int MaxRegions = 32;

    /// <summary>Largest page side accepted, in millimetres (A3 is 420 mm long).</summary>
    public const double MaxPageMillimetres = 1000;

    // For EF Core materialisation.
    private SlipTemplate()
    {
        Id = Name = CreatedBy = string.Empty;
        Regions = [];
    }

    /// <summary>Stable id (assigned by the caller).</summary>
    public string Id { get; private set; }

    /// <summary>Name, unique among templates.</summary>
    public string Name { get; private set; }

    /// <summary>Free text for operators, if given.</summary>
    public string? Description { get; private set; }

    /// <summary>Page width in millimetres.</summary>
    public double PageWidthMm { get; private set; }

    /// <summary>Page height in millimetres.</summary>
    public double PageHeightMm { get; private set; }

    /// <summary>The regions in the order given; at least one, names distinct, each within the page.</summary>
    public IReadOnlyList<TemplateRegion> Regions { get; private set; }

    /// <summary>Who registered the template.</summary>
    public string CreatedBy { get; private set; }

    /// <summary>When it was registered, in whole microseconds.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// Validates and creates a template. Field paths in violations follow the request shape:
    /// <c>name</c>, <c>description</c>, <c>page_width_mm</c>, <c>page_height_mm</c>, <c>regions</c>,
    /// <c>regions[i].name</c>, <c>regions[i].kind</c>, <c>regions[i].box.*</c>.
    /// </summary>
    /// <param name="id">Stable id, assigned by the caller.</param>
    /// <param name="name">Template name (unique; the caller checks storage).</param>
    /// <param name="description">Optional description.</param>
    /// <param name="pageWidthMm">Page width in millimetres, in (0, <see cref="MaxPageMillimetres"/>].</param>
    /// <param name="pageHeightMm">Page height in millimetres, in (0, <see cref="MaxPageMillimetres"/>].</param>
    /// <param name="regions">One to <see cref="MaxRegions"/> regions.</param>
    /// <param name="actor">An <see cref="Role.Admin"/>.</param>
    /// <param name="now">The time of the request.</param>
    /// <exception cref="DomainRuleViolationException">The actor is not an administrator, or a field is invalid.</exception>
    public static SlipTemplate Create(
        string id, string name, string? description, double pageWidthMm, double pageHeightMm, IEnumerable<TemplateRegion> regions, Actor actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(actor);
        actor.Require(Role.Admin);
        return new SlipTemplate
        {
            Id = id,
            Name = Guard.RequiredText(name, "name", 200),
            Description = Guard.OptionalText(description, "description"),
            PageWidthMm = PageSide(pageWidthMm, "page_width_mm"),
            PageHeightMm = PageSide(pageHeightMm, "page_height_mm"),
            Regions = ValidRegions(regions, pageWidthMm, pageHeightMm),
            CreatedBy = actor.UserId,
            // Whole microseconds, as every provider stores it: what Create returns is what is read back.
            CreatedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond)),
        };
    }

    /// <summary>The regions of one kind, in template order.</summary>
    public IEnumerable<TemplateRegion> RegionsOf(RegionKind kind) => Regions.Where(r => r.Kind == kind);

    private static double PageSide(double millimetres, string field) =>
        double.IsFinite(millimetres) && millimetres > 0 && millimetres <= MaxPageMillimetres
            ? millimetres
            : throw Invalid($"{field} must be a length in millimetres above 0 and at most {MaxPageMillimetres}.", field);

    private static ReadOnlyCollection<TemplateRegion> ValidRegions(IEnumerable<TemplateRegion> regions, double pageWidthMm, double pageHeightMm)
    {
        var list = regions.ToList();
        if (list.Count == 0)
        {
            throw Invalid("A template needs at least one region.", "regions");
        }

        if (list.Count > MaxRegions)
        {
            throw Invalid($"A template has at most {MaxRegions} regions.", "regions");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var validated = new List<TemplateRegion>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            TemplateRegion region = list[i] ?? throw new ArgumentException("A region is null.", nameof(regions));
            string at = string.Create(CultureInfo.InvariantCulture, $"regions[{i}]");
            string name = Guard.RequiredText(region.Name, at + ".name", 100);
            if (!names.Add(name))
            {
                throw Invalid($"Region name '{name}' is used twice.", at + ".name");
            }

            Guard.Defined(region.Kind, at + ".kind");
            MillimetreBox box = region.Box;
            Coordinate(box.X, at + ".box.x");
            Coordinate(box.Y, at + ".box.y");
            Size(box.Width, at + ".box.width");
            Size(box.Height, at + ".box.height");
            if (box.Right > pageWidthMm || box.Bottom > pageHeightMm)
            {
                throw Invalid(
                    string.Create(CultureInfo.InvariantCulture, $"Region '{name}' reaches beyond the page ({pageWidthMm} × {pageHeightMm} mm)."),
                    at + ".box");
            }

            validated.Add(region with { Name = name });
        }

        return validated.AsReadOnly();
    }

    private static void Coordinate(double value, string field)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw Invalid($"{field} must be a distance in millimetres from the page's top-left corner, 0 or more.", field);
        }
    }

    private static void Size(double value, string field)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw Invalid($"{field} must be a length in millimetres above 0.", field);
        }
    }

    private static DomainRuleViolationException Invalid(string message, string field) => new(ViolationCode.InvalidValue, message, field);
}
