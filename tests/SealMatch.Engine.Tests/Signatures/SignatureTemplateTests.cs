using SealMatch.Engine.Signatures;

namespace SealMatch.Engine.Tests.Signatures;

public sealed class SignatureTemplateTests
{
    private const string Sha = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static SignatureTemplate Sample() =>
        new([.. Enumerable.Range(0, 128).Select(i => MathF.Sin(i) / 8)], Sha, SignatureImage.PreprocessingVersion);

    [Fact]
    public void A_template_survives_serialisation()
    {
        SignatureTemplate t = Sample();
        SignatureTemplate back = SignatureTemplate.Deserialise(t.Serialise());

        Assert.Equal(t.Embedding.ToArray(), back.Embedding.ToArray());
        Assert.Equal(Sha, back.ModelSha256);
        Assert.Equal(t.FeatureVersion, back.FeatureVersion);
    }

    [Fact]
    public void Any_flipped_byte_is_detected()
    {
        byte[] data = Sample().Serialise();
        for (int i = 0; i < data.Length; i += 7)
        {
            byte[] copy = [.. data];
            copy[i] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => SignatureTemplate.Deserialise(copy));
        }
    }

    [Fact]
    public void Truncated_empty_or_foreign_data_is_refused()
    {
        byte[] data = Sample().Serialise();
        Assert.Throws<InvalidDataException>(() => SignatureTemplate.Deserialise(data.AsSpan(0, data.Length - 1)));
        Assert.Throws<InvalidDataException>(() => SignatureTemplate.Deserialise([]));
        Assert.Throws<InvalidDataException>(() => SignatureTemplate.Deserialise("SMSEAL and more bytes than a header needs, surely"u8));
    }

    [Fact]
    public void Non_finite_embeddings_and_malformed_hashes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SignatureTemplate([1f, float.NaN], Sha, 1));
        Assert.Throws<ArgumentException>(() => new SignatureTemplate([], Sha, 1));
        Assert.Throws<ArgumentException>(() => new SignatureTemplate([1f], "abc", 1));
    }
}
