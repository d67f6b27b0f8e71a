namespace Dashboard.Certificates;

/// <summary>How much a <see cref="CertificateProblem"/> matters.</summary>
public enum ProblemSeverity
{
    /// <summary>Worth knowing; nothing is blocked.</summary>
    Warning,

    /// <summary>The input cannot be used as it is: no secret is assembled or written from it.</summary>
    Error,
}

/// <summary>One thing wrong with a certificate, key or bundle, phrased for the person who has to fix it.</summary>
/// <param name="Code">A stable code from <see cref="ProblemCodes"/> (for example <c>CERT_KEY_MISMATCH</c>), documented in <c>docs/certificate-problems.md</c>.</param>
/// <param name="Severity">Whether the problem blocks a write (<see cref="ProblemSeverity.Error"/>) or not.</param>
/// <param name="Message">What is wrong, naming the certificate concerned. Never contains key material.</param>
/// <param name="Remedy">What to do about it.</param>
public sealed record CertificateProblem(string Code, ProblemSeverity Severity, string Message, string Remedy)
{
    /// <summary>True when the problem blocks a write.</summary>
    public bool IsError => Severity == ProblemSeverity.Error;

    /// <inheritdoc />
    public override string ToString() => $"{Code} ({Severity}): {Message} Remedy: {Remedy}";
}

/// <summary>Helpers over problem lists.</summary>
public static class CertificateProblemExtensions
{
    /// <summary>True when any problem in the list is an error.</summary>
    public static bool HasErrors(this IEnumerable<CertificateProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Any(p => p.IsError);
    }

    /// <summary>True when the list holds a problem with the given code.</summary>
    public static bool Contains(this IEnumerable<CertificateProblem> problems, string code)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Any(p => p.Code == code);
    }
}
