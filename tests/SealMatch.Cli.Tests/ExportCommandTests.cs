using System.CommandLine;
using System.Globalization;
using SealMatch.Cli.Commands;

namespace SealMatch.Cli.Tests;

/// <summary><c>export seal-pairs</c> through its command line, on a tiny generated set.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-export-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task SealPairsWritesOnePairPerLabelRowWithTheRequestedClasses()
    {
        var root = new RootCommand { ExportCommands.Build() };
        int exit = await root.Parse(["export", "seal-pairs", "--seed", "17", "--genuine", "2", "--forged", "2", "--classes", "F1,F3", "--workers", "1", "--out", _folder]).InvokeAsync();

        Assert.Equal(0, exit);
        string[] rows = File.ReadAllLines(Path.Combine(_folder, "labels.csv"))[1..];
        Assert.InRange(rows.Length, 3, 4);
        Assert.All(rows, r => Assert.Contains(r.Split(',')[5], new[] { "genuine", "F1", "F3" }));
        Assert.Contains(rows, r => r.Split(',')[5] == "genuine");

        // The array holds exactly one 4 × 128 × 128 byte pair per row after its header.
        byte[] npy = File.ReadAllBytes(Path.Combine(_folder, "pairs.npy"));
        int header = 10 + (npy[8] | (npy[9] << 8));
        Assert.Equal(rows.Length * 4 * 128 * 128, npy.Length - header);
        string text = System.Text.Encoding.ASCII.GetString(npy, 10, header - 10);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"'shape': ({rows.Length}, 4, 128, 128)"), text, StringComparison.Ordinal);

        // A registered pair has ink in both the specimen and the impression channels.
        ReadOnlySpan<byte> first = npy.AsSpan(header, 4 * 128 * 128);
        Assert.True(first[..(128 * 128)].IndexOfAnyExcept((byte)0) >= 0);
        Assert.True(first.Slice(128 * 128, 128 * 128).IndexOfAnyExcept((byte)0) >= 0);
    }

    [Fact]
    public async Task AnUnknownForgeryClassIsRefused()
    {
        var root = new RootCommand { ExportCommands.Build() };
        int exit = await root.Parse(["export", "seal-pairs", "--seed", "17", "--genuine", "1", "--forged", "1", "--classes", "F9", "--out", _folder]).InvokeAsync();
        Assert.Equal(CliOutput.BadInput, exit);
        Assert.False(File.Exists(Path.Combine(_folder, "pairs.npy")));
    }
}
