using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Setup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OwnershipLedger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TargetId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    SetupId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StepId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ResourceType = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ApiVersion = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Namespace = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    Name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PriorState = table.Column<string>(type: "text", nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnershipLedger", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PrivateCas",
                columns: table => new
                {
                    TargetId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    CertificatePem = table.Column<string>(type: "text", nullable: false),
                    ProtectedKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivateCas", x => x.TargetId);
                });

            migrationBuilder.CreateTable(
                name: "SetupRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    SetupId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedSteps = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedFrom = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Consent = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ProfileJson = table.Column<string>(type: "text", nullable: true),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    Executions = table.Column<int>(type: "integer", nullable: false),
                    NextPollAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SetupRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Setups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TargetId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    SetupId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ParametersJson = table.Column<string>(type: "text", nullable: true),
                    OverridesJson = table.Column<string>(type: "text", nullable: true),
                    MarkersJson = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Setups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TargetLeases",
                columns: table => new
                {
                    TargetId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Holder = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetLeases", x => x.TargetId);
                });

            migrationBuilder.CreateTable(
                name: "SetupRunSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MessagesJson = table.Column<string>(type: "text", nullable: true),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Unblock = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WaitingStatus = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NextPollAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    KubernetesRequests = table.Column<int>(type: "integer", nullable: false),
                    KubernetesWrites = table.Column<int>(type: "integer", nullable: false),
                    IksRequests = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SetupRunSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SetupRunSteps_SetupRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SetupRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OwnershipLedger_TargetId_ResourceType_Kind_Namespace_Name",
                table: "OwnershipLedger",
                columns: new[] { "TargetId", "ResourceType", "Kind", "Namespace", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_SetupRunSteps_RunId_Number",
                table: "SetupRunSteps",
                columns: new[] { "RunId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SetupRuns_State",
                table: "SetupRuns",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_SetupRuns_TargetId_State",
                table: "SetupRuns",
                columns: new[] { "TargetId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Setups_TargetId",
                table: "Setups",
                column: "TargetId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OwnershipLedger");

            migrationBuilder.DropTable(
                name: "PrivateCas");

            migrationBuilder.DropTable(
                name: "SetupRunSteps");

            migrationBuilder.DropTable(
                name: "Setups");

            migrationBuilder.DropTable(
                name: "TargetLeases");

            migrationBuilder.DropTable(
                name: "SetupRuns");
        }
    }
}
