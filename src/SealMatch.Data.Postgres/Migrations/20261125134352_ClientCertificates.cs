using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealMatch.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClientCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "SecretHash",
                table: "credentials",
                type: "bytea",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<string>(
                name: "CertificateSha256",
                table: "credentials",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_credentials_CertificateSha256",
                table: "credentials",
                column: "CertificateSha256",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_credentials_key_or_certificate",
                table: "credentials",
                sql: "(\"SecretHash\" IS NULL) <> (\"CertificateSha256\" IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credentials_CertificateSha256",
                table: "credentials");

            migrationBuilder.DropCheckConstraint(
                name: "CK_credentials_key_or_certificate",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "CertificateSha256",
                table: "credentials");

            migrationBuilder.AlterColumn<byte[]>(
                name: "SecretHash",
                table: "credentials",
                type: "bytea",
                maxLength: 32,
                nullable: false,
                // Certificate credentials keep an empty hash on the way down: no key ever matches it.
                defaultValue: Array.Empty<byte>(),
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldMaxLength: 32,
                oldNullable: true);
        }
    }
}
