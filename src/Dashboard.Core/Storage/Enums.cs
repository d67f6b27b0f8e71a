namespace Dashboard.Core.Storage;

/// <summary>Roles, each including the rights of the ones before it.</summary>
public enum DashboardRole
{
    /// <summary>Reads everything, changes nothing.</summary>
    Viewer = 0,

    /// <summary>Applies setup steps and runs cleanup.</summary>
    Operator = 1,

    /// <summary>Manages targets, credentials and users.</summary>
    Admin = 2,
}

/// <summary>Outcome of an audited change.</summary>
public enum AuditResult
{
    /// <summary>The change was made.</summary>
    Succeeded,

    /// <summary>The change was attempted and failed.</summary>
    Failed,

    /// <summary>The caller was not allowed to make it.</summary>
    Denied,
}
