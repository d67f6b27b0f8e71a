using System.Text.RegularExpressions;
using Dashboard.Certificates;
using Dashboard.Core.Setup;
using Dashboard.Web.ViewModels.Preview;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>An error as a person reads it: the problem, its cause and the remedy in words, with details on demand.</summary>
/// <param name="Problem">What went wrong, in a sentence.</param>
/// <param name="Cause">Why, when known.</param>
/// <param name="Remedy">What to do about it.</param>
/// <param name="Code">The stable code (a certificate problem or setup code), when there is one.</param>
/// <param name="Details">Further lines (probe results, API answers); never a stack trace or key material.</param>
public sealed partial record ProblemInfo(string Problem, string? Cause, string? Remedy, string? Code, IReadOnlyList<string> Details)
{
    /// <summary>
    /// Builds a problem from a step's or run's summary, code, unblock hint and messages: the cause comes from the
    /// code's meaning (certificate codes from the certificates core's catalogue), the remedy from the hint or the
    /// code's usual remedy. Stack-trace lines and key material are removed from everything.
    /// </summary>
    public static ProblemInfo From(string? summary, string? code, string? unblock, IEnumerable<string>? messages = null)
    {
        var (cause, remedy) = Explain(code);
        return new ProblemInfo(
            Clean(summary) is { Length: > 0 } problem ? problem : "The step did not complete.",
            cause,
            Clean(unblock) is { Length: > 0 } hint ? hint : remedy,
            code,
            [.. (messages ?? []).Select(Clean).Where(m => m.Length > 0)]);
    }

    /// <summary>A page that could not load its data: what failed, and what the user can do.</summary>
    public static ProblemInfo FromException(string problem, Exception exception, string remedy)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var details = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            details.Add($"{e.GetType().Name}: {Clean(e.Message)}");
        }

        return new ProblemInfo(problem, Clean(exception.Message), remedy, null, details);
    }

    /// <summary>
    /// A failure nobody planned for (a bug, a store that went away): said in words with a reference to the server
    /// log, where the exception is; its text is not shown, as it means nothing to the reader and may say too much.
    /// </summary>
    public static ProblemInfo Unexpected(string problem, string reference, string? remedy = null) => new(
        problem,
        "The dashboard met an unexpected error; the server log has the details under the reference below.",
        remedy ?? "Try again. If it happens again, reload the page; if it persists, give the reference to whoever runs the dashboard.",
        null,
        [$"Reference: {reference}"]);

    /// <summary>A short reference that ties a problem on the page to its entry in the server log.</summary>
    public static string NewReference() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>The meaning and usual remedy of a code; nulls when the code is unknown.</summary>
    public static (string? Cause, string? Remedy) Explain(string? code) => code switch
    {
        null or "" => (null, null),
        SetupCodes.NotOwned => ("An object with this name exists and was not created by this dashboard; the setup never overwrites what it does not own.",
            "Take it over (its current state is recorded, so cleanup restores it), or choose other names in the parameters."),
        SetupCodes.FieldConflict => ("Another field manager changed fields the dashboard manages on this object.",
            "Take the fields back, or find out who changed them first (kubectl get <object> --show-managed-fields -o yaml)."),
        SetupCodes.Prerequisite => ("An earlier step has not produced what this step needs yet.", "Apply the earlier steps first, or use Apply all remaining."),
        SetupCodes.NoExternalAddress => ("The istio-ingressgateway LoadBalancer Service has no external address yet.",
            "Wait until IKS assigns one (kubectl -n istio-system get service istio-ingressgateway), then check again."),
        SetupCodes.Iks => ("IBM Cloud Kubernetes Service refused or failed a request.", "Check the target's API key and IKS cluster name with Test connection on the Targets page."),
        SetupCodes.CertificateTimeout => ("IKS did not finish issuing the nlb-dns certificate within the configured time (Setup:NlbWaitTimeout).",
            "Check 'ibmcloud ks nlb-dns ls', then apply the step again: the registration is reused."),
        SetupCodes.SchemaInvalid => ("A generated object did not validate against the Kubernetes and Istio schemas; nothing was sent. This is a bug in the dashboard.",
            "Report it with the details below; the cluster was not changed."),
        SetupCodes.Kubernetes => ("The Kubernetes API refused a request.", "Check the cluster and the permissions of the kubeconfig's user (kubectl auth can-i)."),
        SetupCodes.Probe => ("The verification request did not get the expected answer.", "Read the probe results below: they name the hop that failed and how to fix it."),
        SetupCodes.RolloutTimeout => ("A rollout did not complete in time.", "Check the pods (kubectl get pods -n <namespace>) for image or scheduling problems, then apply again."),
        SetupCodes.Profile => ("The profile or the parameters cannot be used together.", "Change the profile overrides or the parameters above."),
        _ when ProblemCodes.Describe(code) is { } info => (info.Meaning, info.Remedy),
        _ => (null, null),
    };

    // Exception texts may carry stack frames ("   at Foo.Bar() in /src/x.cs:line 4") or a "--- End of ..." marker.
    private static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var lines = text.Split('\n').Where(l => !StackFrame().IsMatch(l)).Select(l => l.TrimEnd('\r'));
        return KeyMaterialFilter.Redact(string.Join('\n', lines).Trim());
    }

    [GeneratedRegex(@"^\s*(at\s+\S+\(.*\)(\s+in\s+.*)?|--- End of (inner exception )?stack trace.*---)\s*$")]
    private static partial Regex StackFrame();
}
