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

        // pairs.bin holds the rows' pairs back to back: 4 planes of side × side bytes each, at the
        // offsets labels.csv gives, with nothing left over.
        string[] header = File.ReadAllLines(Path.Combine(_folder, "labels.csv"))[0].Split(',');
        int sideColumn = Array.IndexOf(header, "side"), offsetColumn = Array.IndexOf(header, "offset");
        byte[] pairs = File.ReadAllBytes(Path.Combine(_folder, "pairs.bin"));
        long expectedOffset = 0;
        foreach (string row in rows)
        {
            string[] cells = row.Split(',');
            int side = int.Parse(cells[sideColumn], CultureInfo.InvariantCulture);
            Assert.Equal(0, side % 32);
            Assert.InRange(side, 64, 512);
            Assert.Equal(expectedOffset, long.Parse(cells[offsetColumn], CultureInfo.InvariantCulture));

            // A registered pair has ink in both the specimen and the impression channels.
            ReadOnlySpan<byte> pair = pairs.AsSpan((int)expectedOffset, 4 * side * side);
            Assert.True(pair[..(side * side)].IndexOfAnyExcept((byte)0) >= 0);
            Assert.True(pair.Slice(side * side, side * side).IndexOfAnyExcept((byte)0) >= 0);
            expectedOffset += 4L * side * side;
        }

        Assert.Equal(expectedOffset, pairs.LongLength);
    }

    [Fact]
    public async Task AnUnknownForgeryClassIsRefused()
    {
        var root = new RootCommand { ExportCommands.Build() };
        int exit = await root.Parse(["export", "seal-pairs", "--seed", "17", "--genuine", "1", "--forged", "1", "--classes", "F9", "--out", _folder]).InvokeAsync();
        Assert.Equal(CliOutput.BadInput, exit);
        Assert.False(File.Exists(Path.Combine(_folder, "pairs.bin")));
    }
}
