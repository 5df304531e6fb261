namespace SealMatch.Server.Errors;

/// <summary>A request field is missing or malformed; becomes INVALID_ARGUMENT with a field violation.</summary>
internal sealed class RequestInvalidException : Exception
{
    public RequestInvalidException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public RequestInvalidException()
        : this("request", "The request is invalid.")
    {
    }

    public RequestInvalidException(string message)
        : this("request", message)
    {
    }

    public RequestInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "request";
    }

    /// <summary>The proto field at fault (snake_case path, e.g. <c>amount.currency</c>).</summary>
    public string Field { get; }
}

/// <summary>The requested resource does not exist; becomes NOT_FOUND with a resource info.</summary>
internal sealed class ResourceNotFoundException : Exception
{
    public ResourceNotFoundException(string resourceType, string resourceName, string field)
        : base($"{resourceType} '{resourceName}' was not found.")
    {
        ResourceType = resourceType;
        ResourceName = resourceName;
        Field = field;
    }

    public ResourceNotFoundException()
        : this("resource", string.Empty, "request")
    {
    }

    public ResourceNotFoundException(string message)
        : base(message)
    {
        ResourceType = "resource";
        ResourceName = string.Empty;
        Field = "request";
    }

    public ResourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        ResourceType = "resource";
        ResourceName = string.Empty;
        Field = "request";
    }

    public string ResourceType { get; }

    public string ResourceName { get; }

    /// <summary>The request field that named the missing resource.</summary>
    public string Field { get; }
}

/// <summary>The caller acted on a version that is no longer current; becomes ABORTED with a field violation.</summary>
internal sealed class StaleVersionException : Exception
{
    public StaleVersionException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public StaleVersionException()
        : this("expected_version", "The record changed since it was read.")
    {
    }

    public StaleVersionException(string message)
        : this("expected_version", message)
    {
    }

    public StaleVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "expected_version";
    }

    public string Field { get; }
}

/// <summary>The resource to create exists already; becomes ALREADY_EXISTS with a field violation.</summary>
internal sealed class ResourceExistsException : Exception
{
    public ResourceExistsException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public ResourceExistsException()
        : this("request", "The resource exists already.")
    {
    }

    public ResourceExistsException(string message)
        : this("request", message)
    {
    }

    public ResourceExistsException(string message, Exception innerException)
        : this("request", message, innerException)
    {
    }

    public ResourceExistsException(string field, string message, Exception innerException)
        : base(message, innerException)
    {
        Field = field;
    }

    public string Field { get; }
}
