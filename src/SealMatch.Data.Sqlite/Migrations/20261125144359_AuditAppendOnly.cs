using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealMatch.Data.Sqlite.Migrations
{
    /// <summary>
    /// Makes the audit trail append-only in the database file: triggers abort every UPDATE and DELETE
    /// on audit_entries. Someone with write access to the file can still drop them; the hash chain is
    /// what detects that.
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_update
                BEFORE UPDATE ON audit_entries
                BEGIN
                    SELECT RAISE(ABORT, 'audit_entries is append-only: UPDATE is not allowed');
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_delete
                BEFORE DELETE ON audit_entries
                BEGIN
                    SELECT RAISE(ABORT, 'audit_entries is append-only: DELETE is not allowed');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_delete;");
        }
    }
}
