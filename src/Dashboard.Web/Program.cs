return await Dashboard.Web.DashboardApp.RunAsync(args);

/// <summary>Entry point type, visible to tests.</summary>
public partial class Program;
