using System.Security.Cryptography;
using System.Text;
using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Registration;

namespace SealMatch.Engine.Specimens;

/// <summary>
/// The canonical, storable form of a reserved seal specimen: ink strength and validity mask at
/// 0.1 mm per pixel, centred on the outline and turned to the reference orientation, with the
/// feature vectors matching needs and the versions that produced them.
/// </summary>
/// <remarks>
/// Serialised form (<see cref="Serialise"/>): magic <c>SMSEAL</c>, format version, engine and
/// feature versions, geometry, the two planes as lossless PNG, the polar signature and descriptor,
/// and a SHA-256 over everything before it. Loading checks all of it. A template whose feature
/// version differs from the running engine's recomputes its features from the stored planes.
/// </remarks>
public sealed class SealTemplate : IDisposable
{
    private const int FormatVersion = 1;
    private static readonly byte[] Magic = "SMSEAL"u8.ToArray();

    private readonly Lazy<SpecimenFeatures> _features;

    private SealTemplate(CanonicalSeal canvas, InkColour ink, double sourceDpi, double referenceAngle, string engineVersion, int featureVersion, ulong[] polar, double polarRadius, float[] descriptor)
    {
        Canvas = canvas;
        ReferenceAngleDeg = referenceAngle;
        Ink = ink;
        SourceDpi = sourceDpi;
        EngineVersion = engineVersion;
        FeatureVersion = featureVersion;
        PolarBits = polar;
        PolarRadius = polarRadius;
        Descriptor = descriptor;
        _features = new Lazy<SpecimenFeatures>(() => SpecimenFeatures.Build(Canvas), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Scale of the canonical planes.</summary>
    public static double MillimetresPerPixel => CanonicalSeal.MillimetresPerPixel;

    /// <summary>Outline kind.</summary>
    public SealShapeKind Shape => Canvas.Outline.Shape;

    /// <summary>Outline width in millimetres (along its axis, which is horizontal in the reference orientation).</summary>
    public double WidthMm => Canvas.Outline.Width * MillimetresPerPixel;

    /// <summary>Outline height in millimetres.</summary>
    public double HeightMm => Canvas.Outline.Height * MillimetresPerPixel;

    /// <summary>Ink colour of the specimen.</summary>
    public InkColour Ink { get; }

    /// <summary>Resolution of the scan the specimen was cut from.</summary>
    public double SourceDpi { get; }

    /// <summary>
    /// How far the specimen was turned clockwise (degrees) from its orientation on the scanned card to
    /// the reference orientation (outline axis horizontal). Poses are reported relative to the card.
    /// </summary>
    public double ReferenceAngleDeg { get; }

    /// <summary>Engine version that created the template.</summary>
    public string EngineVersion { get; }

    /// <summary>Feature version of the stored vectors.</summary>
    public int FeatureVersion { get; }

    /// <summary>Canvas width in pixels.</summary>
    public int Width => Canvas.Width;

    /// <summary>Canvas height in pixels.</summary>
    public int Height => Canvas.Height;

    /// <summary>Rotation-invariant descriptor (for ranking specimens).</summary>
    public IReadOnlyList<float> Descriptor { get; }

    internal CanonicalSeal Canvas { get; }

    internal ulong[] PolarBits { get; }

    internal double PolarRadius { get; }

    internal SpecimenFeatures Features => _features.Value;

    /// <summary>Creates a template from a canonical canvas (takes ownership).</summary>
    internal static SealTemplate FromCanvas(CanonicalSeal canvas, InkColour ink, double sourceDpi, double referenceAngle)
    {
        double radius = SpecimenFeatures.PolarRadius(canvas);
        using var blurred = new Mat();
        Cv2.GaussianBlur(canvas.Strength, blurred, new Size(0, 0), 2.0);
        PolarSignature polar = PolarSignature.Sample(blurred, canvas.Centre, radius);
        return new SealTemplate(canvas, ink, sourceDpi, referenceAngle, SealMatch.Engine.EngineInfo.EngineVersion, SealMatch.Engine.EngineInfo.FeatureVersion,
            polar.Bits, radius, SealDescriptor.Compute(polar));
    }

    /// <summary>The canonical ink strength as PNG (for display and audit).</summary>
    public byte[] StrengthPng() => Canvas.Strength.ImEncode(".png");

    /// <summary>Serialises the template (see remarks for the layout).</summary>
    public byte[] Serialise()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write((ushort)FormatVersion);
            writer.Write(EngineVersion);
            writer.Write(FeatureVersion);
            writer.Write((byte)Ink);
            writer.Write((byte)Shape);
            writer.Write(SourceDpi);
            writer.Write(ReferenceAngleDeg);
            SealOutline o = Canvas.Outline;
            writer.Write(o.Centre.X);
            writer.Write(o.Centre.Y);
            writer.Write(o.Width);
            writer.Write(o.Height);
            writer.Write(o.AngleDeg);
            writer.Write(Canvas.InkScale);
            writer.Write(Canvas.Hue.BlueToGreen);
            writer.Write(Canvas.Hue.RedToGreen);
            WriteBlock(writer, Canvas.Strength.ImEncode(".png"));
            WriteBlock(writer, Canvas.Valid.ImEncode(".png"));
            writer.Write(PolarRadius);
            writer.Write(PolarBits.Length);
            foreach (ulong word in PolarBits)
            {
                writer.Write(word);
            }

            writer.Write(Descriptor.Count);
            foreach (float value in Descriptor)
            {
                writer.Write(value);
            }
        }

        byte[] body = stream.ToArray();
        byte[] hash = SHA256.HashData(body);
        return [.. body, .. hash];
    }

    /// <summary>Reads a serialised template, checking its integrity and versions.</summary>
    /// <exception cref="InvalidDataException">The data is truncated, corrupted, or not a template.</exception>
    public static SealTemplate Deserialise(ReadOnlySpan<byte> data)
    {
        if (data.Length < Magic.Length + 2 + 32 || !data[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a SealMatch seal template.");
        }

        ReadOnlySpan<byte> body = data[..^32];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(data[^32..]))
        {
            throw new InvalidDataException("The seal template is corrupted (checksum mismatch).");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(body.ToArray()), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            int format = reader.ReadUInt16();
            if (format != FormatVersion)
            {
                throw new InvalidDataException($"Seal template format {format} is not supported (expected {FormatVersion}).");
            }

            string engineVersion = reader.ReadString();
            int featureVersion = reader.ReadInt32();
            var ink = (InkColour)reader.ReadByte();
            var shape = (SealShapeKind)reader.ReadByte();
            if (!Enum.IsDefined(ink) || !Enum.IsDefined(shape))
            {
                throw new InvalidDataException("The seal template has an unknown ink or shape.");
            }

            double dpi = reader.ReadDouble();
            double referenceAngle = reader.ReadDouble();
            var outline = new SealOutline(shape, new PointD(reader.ReadDouble(), reader.ReadDouble()), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
            double inkScale = reader.ReadDouble();
            var hue = new InkHue(reader.ReadDouble(), reader.ReadDouble());
            Mat strength = DecodePlane(ReadBlock(reader));
            Mat valid = DecodePlane(ReadBlock(reader));
            if (strength.Size() != valid.Size())
            {
                strength.Dispose();
                valid.Dispose();
                throw new InvalidDataException("The seal template's planes differ in size.");
            }

            var canvas = new CanonicalSeal(strength, valid, outline, inkScale, hue);
            double polarRadius = reader.ReadDouble();
            ulong[] polar = new ulong[CheckedCount(reader.ReadInt32(), PolarSignature.Columns)];
            for (int i = 0; i < polar.Length; i++)
            {
                polar[i] = reader.ReadUInt64();
            }

            float[] descriptor = new float[CheckedCount(reader.ReadInt32(), SealDescriptor.Length)];
            for (int i = 0; i < descriptor.Length; i++)
            {
                descriptor[i] = reader.ReadSingle();
            }

            if (featureVersion != SealMatch.Engine.EngineInfo.FeatureVersion)
            {
                // Stored vectors are stale: rebuild them from the canonical planes.
                SealTemplate fresh = FromCanvas(canvas, ink, dpi, referenceAngle);
                return fresh;
            }

            return new SealTemplate(canvas, ink, dpi, referenceAngle, engineVersion, featureVersion, polar, polarRadius, descriptor);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The seal template is truncated.", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_features.IsValueCreated)
        {
            _features.Value.Dispose(); // also disposes the canvas
        }
        else
        {
            Canvas.Dispose();
        }
    }

    private static int CheckedCount(int count, int expected) =>
        count == expected ? count : throw new InvalidDataException($"The seal template holds {count} values where {expected} were expected.");

    private static void WriteBlock(BinaryWriter writer, byte[] block)
    {
        writer.Write(block.Length);
        writer.Write(block);
    }

    private static byte[] ReadBlock(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length <= 0 || length > 64 * 1024 * 1024)
        {
            throw new InvalidDataException("The seal template has an invalid block length.");
        }

        byte[] block = reader.ReadBytes(length);
        return block.Length == length ? block : throw new EndOfStreamException();
    }

    private static Mat DecodePlane(byte[] png)
    {
        Mat plane = Cv2.ImDecode(png, ImreadModes.Grayscale);
        if (plane.Empty())
        {
            plane.Dispose();
            throw new InvalidDataException("A plane of the seal template cannot be decoded.");
        }

        return plane;
    }
}
