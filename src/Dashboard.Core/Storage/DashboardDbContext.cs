using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

/// <summary>
/// The dashboard's store. One subclass per database provider carries that provider's migrations
/// (EF Core's recommended shape for "one model, several providers").
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Users.</summary>
    public DbSet<UserAccount> Users => Set<UserAccount>();

    /// <summary>API tokens (hashed).</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>Clusters.</summary>
    public DbSet<TargetEntity> Targets => Set<TargetEntity>();

    /// <summary>Audit log.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Each target's setup.</summary>
    public DbSet<SetupRecord> Setups => Set<SetupRecord>();

    /// <summary>Setup runs.</summary>
    public DbSet<SetupRunRecord> SetupRuns => Set<SetupRunRecord>();

    /// <summary>Steps of setup runs.</summary>
    public DbSet<SetupRunStepRecord> SetupRunSteps => Set<SetupRunStepRecord>();

    /// <summary>What the setups created or changed.</summary>
    public DbSet<OwnershipRecord> Ownership => Set<OwnershipRecord>();

    /// <summary>Per-target leases (no two runs on one target at once).</summary>
    public DbSet<TargetLease> TargetLeases => Set<TargetLease>();

    /// <summary>Dashboard-managed private CAs.</summary>
    public DbSet<PrivateCaRecord> PrivateCas => Set<PrivateCaRecord>();

    /// <summary>Signed-in browser sessions.</summary>
    public DbSet<UserSession> Sessions => Set<UserSession>();

    /// <summary>The readiness check's write probe.</summary>
    public DbSet<StoreHeartbeat> Heartbeats => Set<StoreHeartbeat>();

    /// <summary>ASP.NET Data Protection keys, shared by every replica so cookies and encrypted API keys survive restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every time in the store is UTC; SQLite hands them back unspecified, which DateTimeOffset conversions would
        // then read as local time (a step's start, a lease's expiry shifted by the host's offset).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<UserAccount>(user =>
        {
            user.Property(u => u.UserName).HasMaxLength(64);
            user.HasIndex(u => u.UserName).IsUnique();
            user.Property(u => u.PasswordHash).HasMaxLength(256);
            user.Property(u => u.SecurityStamp).HasMaxLength(64);
            user.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<ApiToken>(token =>
        {
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TargetEntity>(target =>
        {
            target.ToTable("Targets");
            target.Property(t => t.Name).HasMaxLength(63);
            target.HasIndex(t => t.Name).IsUnique();
            target.Property(t => t.KubeconfigPath).HasMaxLength(1024);
            target.Property(t => t.KubeContext).HasMaxLength(253);
            target.Property(t => t.IksClusterName).HasMaxLength(253);
            target.Property(t => t.Source).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.Actor).HasMaxLength(64);
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Subject).HasMaxLength(256);
            entry.Property(e => e.Details).HasMaxLength(4000);
            entry.Property(e => e.RemoteAddress).HasMaxLength(64);
            entry.Property(e => e.Result).HasConversion<string>().HasMaxLength(16);
            entry.HasIndex(e => e.Timestamp);
            entry.HasIndex(e => e.Actor);
            entry.HasIndex(e => e.Action);
        });

        SetupModel.Configure(modelBuilder);
        SecurityModel.Configure(modelBuilder);
    }
}

/// <summary>The store on SQLite (the default: a file under the data directory).</summary>
public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options);

/// <summary>The store on PostgreSQL (when <c>ConnectionStrings:Dashboard</c> is set).</summary>
public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options);
