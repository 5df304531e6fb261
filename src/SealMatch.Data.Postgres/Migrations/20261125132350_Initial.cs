using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealMatch.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    BranchCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RiskTier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SigningPolicy = table.Column<string>(type: "text", nullable: true),
                    SigningPolicySetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SigningPolicySetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "credentials",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    User = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Roles = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Branch = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "specimen_image_accesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SpecimenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_specimen_image_accesses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "specimens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Role = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    SignatoryName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LossReported = table.Column<bool>(type: "boolean", nullable: false),
                    pending_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    pending_requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    pending_requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    pending_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    pending_effective_to = table.Column<DateOnly>(type: "date", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_specimens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_specimens_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "verifications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RequestHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SlipDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountMinorUnits = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReasonCodes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Result = table.Column<byte[]>(type: "bytea", nullable: false),
                    Scores = table.Column<string>(type: "text", nullable: false),
                    EngineVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AcceptThreshold = table.Column<double>(type: "double precision", nullable: false),
                    RejectThreshold = table.Column<double>(type: "double precision", nullable: false),
                    EncryptedSlipImage = table.Column<byte[]>(type: "bytea", nullable: false),
                    Dpi = table.Column<double>(type: "double precision", nullable: false),
                    AnalysisMilliseconds = table.Column<double>(type: "double precision", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_verifications_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "specimen_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SpecimenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StatusAfter = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_specimen_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_specimen_events_specimens_SpecimenId",
                        column: x => x.SpecimenId,
                        principalTable: "specimens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "specimen_materials",
                columns: table => new
                {
                    SpecimenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EncryptedImage = table.Column<byte[]>(type: "bytea", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Dpi = table.Column<double>(type: "double precision", nullable: false),
                    RegionX = table.Column<int>(type: "integer", nullable: true),
                    RegionY = table.Column<int>(type: "integer", nullable: true),
                    RegionWidth = table.Column<int>(type: "integer", nullable: true),
                    RegionHeight = table.Column<int>(type: "integer", nullable: true),
                    EncryptedTemplate = table.Column<byte[]>(type: "bytea", nullable: true),
                    Ink = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Shape = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    WidthMm = table.Column<double>(type: "double precision", nullable: true),
                    HeightMm = table.Column<double>(type: "double precision", nullable: true),
                    EngineVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    FeatureVersion = table.Column<int>(type: "integer", nullable: true),
                    Descriptor = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_specimen_materials", x => x.SpecimenId);
                    table.ForeignKey(
                        name: "FK_specimen_materials_specimens_SpecimenId",
                        column: x => x.SpecimenId,
                        principalTable: "specimens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_BranchCode",
                table: "accounts",
                column: "BranchCode");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_Number",
                table: "accounts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credentials_User",
                table: "credentials",
                column: "User");

            migrationBuilder.CreateIndex(
                name: "IX_specimen_events_SpecimenId_Sequence",
                table: "specimen_events",
                columns: new[] { "SpecimenId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_specimen_image_accesses_SpecimenId",
                table: "specimen_image_accesses",
                column: "SpecimenId");

            migrationBuilder.CreateIndex(
                name: "IX_specimens_AccountId",
                table: "specimens",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_verifications_AccountId_IdempotencyKey",
                table: "verifications",
                columns: new[] { "AccountId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials");

            migrationBuilder.DropTable(
                name: "specimen_events");

            migrationBuilder.DropTable(
                name: "specimen_image_accesses");

            migrationBuilder.DropTable(
                name: "specimen_materials");

            migrationBuilder.DropTable(
                name: "verifications");

            migrationBuilder.DropTable(
                name: "specimens");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}
