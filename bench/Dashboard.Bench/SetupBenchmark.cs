using System.Globalization;
using Dashboard.Bench.Setup;

namespace Dashboard.Bench;

/// <summary>
/// Issue 7: a real setup run (the dashboard app with its embedded sandbox, simulated delays zero; the run accepted by
/// SetupRunService and executed by the Hangfire job, the nlb-dns wait as a delayed continuation job), on a fresh
/// cluster and then again (a no-op), for each profile combination the issue names. Requests are counted by the
/// dashboard's own Kubernetes and IKS clients per step (the run records them) and, for profile detection, per
/// execution; IKS's count is cross-checked against what the IKS simulator served.
/// Budget: total wall under 3 s; on a fresh cluster at most 3 Kubernetes requests per object written; on re-run at
/// most 1 per object. "Requests per object" counts every Kubernetes request of the steps that write objects (1-4, 9,
/// 10, 11, 14), including reads of the secrets they derive from and rollout polls, divided by the objects written
/// (fresh) or managed (re-run); judged per step and in total. Profile detection, the fact steps (5-8), the Legacy
/// gateway restart (12: deletes pods, polls them) and the probes (13, 15) write no object: their requests are shown,
/// and counted in the run's total, but not in the ratio. Step 9 builds from the IKS secrets that step 8 (the nlb-dns
/// secret) and profile detection (the ALB's) read moments earlier in the same execution, so those reads are counted
/// there; the figures charged to step 9 instead are printed too.
/// </summary>
internal sealed class SetupBenchmark : IBenchmark
{
    private static readonly string[] s_objectSteps = ["namespace", "httpbin", "mtls-policy", "destination-rule", "secrets", "gateway", "virtual-service", "ingress"];
    private static readonly TimeSpan s_wallBudget = TimeSpan.FromSeconds(3);

    public string Name => "setup";

    public string Budget => "a real setup run per profile, simulated delays zero: wall < 3 s; <= 3 Kubernetes requests per object written on a fresh cluster, <= 1 per object on re-run";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var figures = new List<string>();
        var within = true;

        // The first run in a process pays for JIT compilation of the whole path; it is shown, not judged.
        var cold = await SetupRunMeasurement.MeasureAsync(SetupScenario.All[0], cancellationToken);
        figures.Add(string.Create(CultureInfo.InvariantCulture, $"cold process, first run ever ({cold.Scenario.Name}; not judged): fresh {cold.Fresh.Wall.TotalMilliseconds:F0} ms, re-run {cold.Rerun.Wall.TotalMilliseconds:F0} ms"));

        foreach (var scenario in SetupScenario.All)
        {
            var measured = await SetupRunMeasurement.MeasureAsync(scenario, cancellationToken);
            within &= Judge(measured, figures);
        }

        return new BenchmarkResult(within, figures);
    }

    private static bool Judge(SetupMeasurement m, List<string> figures)
    {
        var problems = new List<string>();
        figures.Add("");
        figures.Add($"== {m.Scenario.Name} (fresh sandbox)");
        figures.Add(string.Create(CultureInfo.InvariantCulture,
            $"wall: fresh {m.Fresh.Wall.TotalMilliseconds:F0} ms ({m.Fresh.State}, {m.Fresh.Executions} executions), re-run {m.Rerun.Wall.TotalMilliseconds:F0} ms ({m.Rerun.State}, {m.Rerun.Executions} execution(s))"));
        figures.Add("step                | fresh: state      ms  k8s  wr  iks | re-run: state     ms  k8s  wr  iks | k8s/object fresh, re-run");
        figures.Add(Row("profile detection", m.Fresh.Detection, m.Rerun.Detection, null));
        foreach (var (fresh, rerun) in m.Fresh.Steps.Zip(m.Rerun.Steps))
        {
            var objects = s_objectSteps.Contains(fresh.Id) ? fresh.Writes : (int?)null;
            figures.Add(Row($"{fresh.Number,2} {fresh.Id}", fresh, rerun, objects));
            if (objects is > 0 && (fresh.Kubernetes > 3 * objects || rerun.Kubernetes > objects))
            {
                problems.Add($"{fresh.Id}: {fresh.Kubernetes} requests for {objects} object(s) fresh, {rerun.Kubernetes} on re-run");
            }
        }

        var written = m.Fresh.Steps.Where(s => s_objectSteps.Contains(s.Id)).Sum(s => s.Writes);
        var freshRequests = m.Fresh.Steps.Where(s => s_objectSteps.Contains(s.Id)).Sum(s => s.Kubernetes);
        var rerunRequests = m.Rerun.Steps.Where(s => s_objectSteps.Contains(s.Id)).Sum(s => s.Kubernetes);
        var rerunWrites = m.Rerun.Steps.Sum(s => s.Writes);
        figures.Add(string.Create(CultureInfo.InvariantCulture,
            $"object steps: {written} objects written with {freshRequests} Kubernetes requests ({Ratio(freshRequests, written)} per object); re-run: {rerunRequests} requests for the {written} objects ({Ratio(rerunRequests, written)} per object), {rerunWrites} writes"));
        var sources = m.Scenario.SourceSecrets;
        figures.Add(string.Create(CultureInfo.InvariantCulture,
            $"source secrets: step 9 derives from {sources} IKS secret(s), each read once per execution, by step 8 or profile detection, and used from that read; charged to step 9 instead: {Ratio(freshRequests + sources, written)} per object fresh, {Ratio(rerunRequests + sources, written)} re-run"));
        figures.Add(string.Create(CultureInfo.InvariantCulture,
            $"whole run: fresh {m.Fresh.TotalKubernetes} Kubernetes / {m.Fresh.TotalIks} IKS+IAM requests, re-run {m.Rerun.TotalKubernetes} / {m.Rerun.TotalIks}; IKS simulator served {m.Fresh.IksServed} and {m.Rerun.IksServed}"));

        Check(problems, m.Fresh.State == "Succeeded" && m.Rerun.State == "Succeeded", $"runs ended {m.Fresh.State} and {m.Rerun.State}: {m.Fresh.Message} / {m.Rerun.Message}");
        Check(problems, m.Fresh.Wall < s_wallBudget, $"fresh run took {m.Fresh.Wall.TotalMilliseconds:F0} ms");
        Check(problems, m.Rerun.Wall < s_wallBudget, $"re-run took {m.Rerun.Wall.TotalMilliseconds:F0} ms");
        Check(problems, written > 0 && freshRequests <= 3 * written, $"fresh: {freshRequests} requests for {written} objects");
        Check(problems, rerunRequests <= written && rerunWrites == 0, $"re-run: {rerunRequests} requests and {rerunWrites} writes for {written} objects");
        Check(problems, m.Fresh.TotalIks == m.Fresh.IksServed && m.Rerun.TotalIks == m.Rerun.IksServed, "the dashboard's IKS count differs from what the IKS simulator served");
        figures.AddRange(problems.Select(p => "over budget: " + p));
        return problems.Count == 0;
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    private static string Row(string name, StepFigures fresh, StepFigures rerun, int? objects) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-19} | {fresh.State,-10} {fresh.Milliseconds,6} {fresh.Kubernetes,4} {fresh.Writes,3} {fresh.Iks,4} | {rerun.State,-10} {rerun.Milliseconds,5} {rerun.Kubernetes,4} {rerun.Writes,3} {rerun.Iks,4} | {(objects is > 0 ? $"{Ratio(fresh.Kubernetes, objects.Value)}, {Ratio(rerun.Kubernetes, objects.Value)}" : "-")}");

    private static string Ratio(int requests, int objects) => objects == 0 ? "-" : ((double)requests / objects).ToString("F2", CultureInfo.InvariantCulture);
}
