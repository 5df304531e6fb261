using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealMatch.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SlipTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "slip_templates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PageWidthMm = table.Column<double>(type: "double precision", nullable: false),
                    PageHeightMm = table.Column<double>(type: "double precision", nullable: false),
                    Regions = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slip_templates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_slip_templates_Name",
                table: "slip_templates",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "slip_templates");
        }
    }
}
