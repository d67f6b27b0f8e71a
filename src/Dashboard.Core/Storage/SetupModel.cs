using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

/// <summary>The setup service's tables (targets' setups, runs, steps, ownership ledger, leases, private CAs).</summary>
internal static class SetupModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SetupRecord>(setup =>
        {
            setup.ToTable("Setups");
            setup.Property(s => s.TargetId).HasMaxLength(63);
            setup.HasIndex(s => s.TargetId).IsUnique();
            setup.Property(s => s.SetupId).HasMaxLength(32);
        });

        modelBuilder.Entity<SetupRunRecord>(run =>
        {
            run.ToTable("SetupRuns");
            run.Property(r => r.TargetId).HasMaxLength(63);
            run.Property(r => r.SetupId).HasMaxLength(32);
            run.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            run.Property(r => r.RequestedSteps).HasMaxLength(512);
            run.Property(r => r.RequestedBy).HasMaxLength(64);
            run.Property(r => r.RequestedFrom).HasMaxLength(64);
            run.Property(r => r.Message).HasMaxLength(4000);
            run.HasIndex(r => new { r.TargetId, r.State });
            run.HasIndex(r => r.State);
            run.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SetupRunStepRecord>(step =>
        {
            step.ToTable("SetupRunSteps");
            step.Property(s => s.StepId).HasMaxLength(32);
            step.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            step.Property(s => s.Summary).HasMaxLength(4000);
            step.Property(s => s.Code).HasMaxLength(64);
            step.Property(s => s.Unblock).HasMaxLength(2000);
            step.Property(s => s.WaitingStatus).HasMaxLength(64);
            step.HasIndex(s => new { s.RunId, s.Number }).IsUnique();
        });

        modelBuilder.Entity<OwnershipRecord>(owned =>
        {
            owned.ToTable("OwnershipLedger");
            owned.Property(o => o.TargetId).HasMaxLength(63);
            owned.Property(o => o.SetupId).HasMaxLength(32);
            owned.Property(o => o.StepId).HasMaxLength(32);
            owned.Property(o => o.ResourceType).HasConversion<string>().HasMaxLength(24);
            owned.Property(o => o.ApiVersion).HasMaxLength(128);
            owned.Property(o => o.Kind).HasMaxLength(64);
            owned.Property(o => o.Namespace).HasMaxLength(63);
            owned.Property(o => o.Name).HasMaxLength(253);
            owned.Property(o => o.Origin).HasConversion<string>().HasMaxLength(16);
            owned.Property(o => o.Detail).HasMaxLength(1000);
            owned.HasIndex(o => new { o.TargetId, o.ResourceType, o.Kind, o.Namespace, o.Name });
        });

        modelBuilder.Entity<TargetLease>(lease =>
        {
            lease.ToTable("TargetLeases");
            lease.HasKey(l => l.TargetId);
            lease.Property(l => l.TargetId).HasMaxLength(63);
            lease.Property(l => l.Holder).HasMaxLength(128);
        });

        modelBuilder.Entity<PrivateCaRecord>(ca =>
        {
            ca.ToTable("PrivateCas");
            ca.HasKey(c => c.TargetId);
            ca.Property(c => c.TargetId).HasMaxLength(63);
        });
    }
}
