namespace SealMatch.Cli.Remote;

/// <summary>Bad input found before anything is sent: exit code 2, with the option or field at fault.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException()
    {
        Field = string.Empty;
    }

    public CliInputException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    public CliInputException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The option, argument or file field at fault (e.g. <c>--amount</c>, <c>rules[1].roles[0]</c>).</summary>
    public string Field { get; }

    /// <summary>The message as printed: <c>field: message</c>.</summary>
    public string Describe() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
