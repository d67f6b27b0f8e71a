using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Ibm;

/// <summary>The outcome of an IKS call that returns no value: success, or an <see cref="IksError"/>.</summary>
public sealed record IksResult
{
    private IksResult(IksError? error) => Error = error;

    /// <summary>The failure; null on success.</summary>
    public IksError? Error { get; }

    /// <summary>True when the call succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A success.</summary>
    public static IksResult Success() => new((IksError?)null);

    /// <summary>A failure.</summary>
    public static IksResult Failure(IksError error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static IksResult<T> Success<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failure of a call that would have returned a <typeparamref name="T"/>.</summary>
    public static IksResult<T> Failure<T>(IksError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
}

/// <summary>The outcome of an IKS call that returns a value: the value, or an <see cref="IksError"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed record IksResult<T>
{
    internal IksResult(T? value, IksError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; default on failure.</summary>
    public T? Value { get; }

    /// <summary>The failure; null on success.</summary>
    public IksError? Error { get; }

    /// <summary>True when the call succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value, or an <see cref="IksException"/> carrying the error.</summary>
    public T GetValueOrThrow() => IsSuccess ? Value : throw new IksException(Error);
}

/// <summary>An IKS or IAM failure as an exception, for callers that prefer throwing. The message never contains secrets.</summary>
public sealed class IksException : Exception
{
    /// <summary>Wraps an error.</summary>
    public IksException(IksError error)
        : base(error?.ToString())
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    /// <summary>The error.</summary>
    public IksError Error { get; }
}
