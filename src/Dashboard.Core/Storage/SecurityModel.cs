using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

/// <summary>The sign-in sessions and the readiness heartbeat.</summary>
internal static class SecurityModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserSession>(session =>
        {
            session.ToTable("UserSessions");
            session.Property(s => s.SecurityStamp).HasMaxLength(64);
            session.Property(s => s.RevokedReason).HasMaxLength(128);
            session.Property(s => s.UserAgent).HasMaxLength(256);
            session.Property(s => s.RemoteAddress).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoreHeartbeat>(heartbeat =>
        {
            heartbeat.ToTable("StoreHeartbeats");
            heartbeat.Property(h => h.Id).ValueGeneratedNever();
            heartbeat.Property(h => h.WrittenBy).HasMaxLength(128);
            heartbeat.HasData(new StoreHeartbeat { Id = StoreHeartbeat.SingletonId, WrittenAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        });
    }
}
