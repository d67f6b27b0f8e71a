using Dashboard.Core.Audit;
using Dashboard.Core.Targets;
using Dashboard.Web.ViewModels.Targets;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class TargetsViewModelTests
{
    private static readonly Actor s_admin = new("admin", null);

    [Fact]
    public async Task SaveAsync_NewTargetFromUpload_StoresTheFileThenCreatesWithTheChosenContext_KeyForgotten()
    {
        var backend = new FakeTargetsBackend();
        var model = new TargetsViewModel(backend);
        await model.LoadAsync(canOperate: true, canAdminister: true, CancellationToken.None);
        model.StartAdd();
        var form = model.Editing!;
        form.Name = "prod";
        model.Upload("kubeconfig.yaml", "kubeconfig"u8.ToArray());
        form.Context = "staging";
        form.IksClusterName = " prod-cluster ";
        form.ApiKey = "an-api-key-of-enough-length-0123456789";

        Assert.True(await model.SaveAsync(s_admin, CancellationToken.None));

        var request = Assert.Single(backend.Created);
        Assert.Equal(new TargetRequest("prod", "/data/kubeconfigs/prod-1.yaml", "staging", false, "prod-cluster", "an-api-key-of-enough-length-0123456789"), request);
        Assert.Null(model.Editing);
        Assert.Equal("", form.ApiKey);
        Assert.Null(form.Upload);
        Assert.Contains("API key set", model.Notice, StringComparison.Ordinal);
        Assert.DoesNotContain("an-api-key", model.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_ServiceRefuses_EveryProblemShownUploadRemoved()
    {
        var backend = new FakeTargetsBackend { Refuse = ["A target named 'prod' exists already.", "The IKS cluster name is not valid."] };
        var model = new TargetsViewModel(backend);
        await model.LoadAsync(canOperate: true, canAdminister: true, CancellationToken.None);
        model.StartAdd();
        model.Editing!.Name = "prod";
        model.Upload("kubeconfig.yaml", "kubeconfig"u8.ToArray());

        Assert.False(await model.SaveAsync(s_admin, CancellationToken.None));

        Assert.Equal(backend.Refuse, model.FormErrors);
        Assert.Equal(["/data/kubeconfigs/prod-1.yaml"], backend.DeletedUploads);
        Assert.NotNull(model.Editing);
    }

    [Fact]
    public async Task SaveAsync_BadNameOrNoFile_RefusedBeforeAnythingIsWritten()
    {
        var backend = new FakeTargetsBackend();
        var model = new TargetsViewModel(backend);
        await model.LoadAsync(canOperate: true, canAdminister: true, CancellationToken.None);
        model.StartAdd();
        model.Editing!.Name = "Prod_1";
        Assert.False(await model.SaveAsync(s_admin, CancellationToken.None));
        Assert.StartsWith("Use 1-63 lowercase letters", Assert.Single(model.FormErrors), StringComparison.Ordinal);

        model.Editing.Name = "prod";
        Assert.False(await model.SaveAsync(s_admin, CancellationToken.None));
        Assert.Equal("Choose a kubeconfig file to upload.", Assert.Single(model.FormErrors));
        Assert.Empty(backend.SavedUploads);
        Assert.Empty(backend.Created);
    }

    [Fact]
    public async Task Edit_StoredKey_ShownAsSetEmptyKeepsItRemoveClearsIt()
    {
        var backend = new FakeTargetsBackend();
        var model = new TargetsViewModel(backend);
        await model.LoadAsync(canOperate: true, canAdminister: true, CancellationToken.None);
        model.StartEdit(backend.Targets[1]);
        var form = model.Editing!;
        Assert.True(form.HasStoredKey);
        Assert.Equal("", form.ApiKey);
        Assert.Equal(KubeconfigSource.Path, form.Source);
        Assert.Equal(["prod", "staging"], form.Inspection!.Contexts.Select(c => c.Name));

        Assert.Null(form.ToRequest("/k").ApiKey);
        form.RemoveKey = true;
        Assert.Equal("", form.ToRequest("/k").ApiKey);
    }

    [Fact]
    public async Task TestAsync_Viewer_DoesNotTest_OperatorSeesEveryCheck()
    {
        var backend = new FakeTargetsBackend();
        var viewer = new TargetsViewModel(backend);
        await viewer.LoadAsync(canOperate: false, canAdminister: false, CancellationToken.None);
        await viewer.TestAsync("sandbox", CancellationToken.None);
        Assert.Null(viewer.ConnectionOf("sandbox").Result);
        Assert.Equal(0, backend.Tests);

        var operatorModel = new TargetsViewModel(backend);
        await operatorModel.LoadAsync(canOperate: true, canAdminister: false, CancellationToken.None);
        await operatorModel.TestAsync("sandbox", CancellationToken.None);
        Assert.Equal(["kubernetes", "iks"], operatorModel.ConnectionOf("sandbox").Result!.Checks.Select(c => c.Name));
    }
}
