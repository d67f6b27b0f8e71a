using Dashboard.Certificates;
using Dashboard.Core.Setup;
using Dashboard.Web.ViewModels.Setup;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class ProblemInfoTests
{
    [Fact]
    public void From_SetupCode_CauseFromTheCodeRemedyFromTheHint()
    {
        var problem = ProblemInfo.From("Gateway exists.", SetupCodes.NotOwned, "Allow taking it over.", ["kubectl get gateway -n istio-system"]);

        Assert.Equal("Gateway exists.", problem.Problem);
        Assert.StartsWith("An object with this name exists and was not created by this dashboard", problem.Cause, StringComparison.Ordinal);
        Assert.Equal("Allow taking it over.", problem.Remedy);
        Assert.Equal(SetupCodes.NotOwned, problem.Code);
    }

    [Fact]
    public void From_CertificateCodeWithoutHint_CatalogueMeaningAndRemedy()
    {
        var problem = ProblemInfo.From("The chain is incomplete.", ProblemCodes.ChainIncomplete, null);

        Assert.Equal(ProblemCodes.Describe(ProblemCodes.ChainIncomplete)!.Meaning, problem.Cause);
        Assert.Equal(ProblemCodes.Describe(ProblemCodes.ChainIncomplete)!.Remedy, problem.Remedy);
    }

    [Fact]
    public void From_StackTraceAndKeyInMessages_Removed()
    {
        var message = "The run failed unexpectedly: InvalidOperationException: boom\n   at Dashboard.Core.Setup.Runs.SetupRunExecutor.ExecuteAsync(Guid runId) in /src/Executor.cs:line 42\n--- End of stack trace from previous location ---\n   at System.Threading.Tasks.Task.Wait()";

        var problem = ProblemInfo.From(message, null, null, [$"key: {TestKeys.EcPem}"]);

        Assert.Equal("The run failed unexpectedly: InvalidOperationException: boom", problem.Problem);
        Assert.DoesNotContain("PRIVATE KEY", problem.Details[0], StringComparison.Ordinal);
        Assert.Null(problem.Cause);
    }
}
