using System.CommandLine;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary><c>credentials create|register-certificate|revoke|list</c>: AdminService (ADMIN keys only).</summary>
internal static class CredentialsCommands
{
    public static Command Build()
    {
        var credentials = new Command("credentials", "API keys for people and systems (needs an ADMIN key).");

        var user = new Option<string>("--user") { Description = "Who the key is for.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = "Role (repeatable): TELLER, SPECIMEN_CLERK, SPECIMEN_APPROVER, REVIEWER, REVIEW_SUPERVISOR, AUDITOR, ADMIN.",
            Required = true,
        };
        var branch = new Option<string>("--branch") { Description = "Branch code the key is bound to.", Required = true };
        credentials.Subcommands.Add(new Command("create", "Create an API key; it is printed once and stored by the server only as a hash.") { user, roles, branch }
            .WithAction(async (parse, remote, cancel) =>
            {
                var request = new CreateCredentialRequest { User = parse.GetValue(user)!, Branch = parse.GetValue(branch)! };
                request.Roles.AddRange((parse.GetValue(roles) ?? []).Select(r => CliInput.ParseEnum<UserRole>("--role", r)).Distinct());
                CreateCredentialResponse response = await remote.Admin.CreateCredentialAsync(request, cancellationToken: cancel);
                if (remote.Json)
                {
                    ProtoJson.Write(response);
                }
                else
                {
                    Console.WriteLine("created " + ProtoText.Credential(response.Credential));
                    Console.WriteLine("API key (shown once; keep it secret, pass it as --key or SEALMATCH_API_KEY):");
                    Console.WriteLine(response.ApiKey);
                }

                return 0;
            }));

        var keyId = new Argument<string>("key-id") { Description = "Key id (the part after smk_ and before the secret; see credentials list)." };
        credentials.Subcommands.Add(new Command("revoke", "Revoke a key at once.") { keyId }.WithAction(async (parse, remote, cancel) =>
        {
            Credential c = await remote.Admin.RevokeCredentialAsync(new RevokeCredentialRequest { KeyId = parse.GetValue(keyId)! }, cancellationToken: cancel);
            if (remote.Json)
            {
                ProtoJson.Write(c);
            }
            else
            {
                Console.WriteLine("revoked " + ProtoText.Credential(c));
            }

            return 0;
        }));

        var certUser = new Option<string>("--user") { Description = "Who (which teller system) the certificate is for.", Required = true };
        var certRoles = new Option<string[]>("--role") { Description = "Role (repeatable), usually TELLER.", Required = true };
        var certBranch = new Option<string>("--branch") { Description = "Branch code the certificate is bound to.", Required = true };
        var pemFile = new Option<FileInfo?>("--pem") { Description = "The client certificate in PEM (public part only; a file holding a private key is refused)." };
        var thumbprint = new Option<string?>("--sha256") { Description = "Or the SHA-256 thumbprint of the certificate's DER encoding (64 hex digits, colons allowed)." };
        credentials.Subcommands.Add(new Command("register-certificate", "Register a teller system's client certificate (mTLS mode): it then authenticates as this user, roles and branch.") { certUser, certRoles, certBranch, pemFile, thumbprint }
            .WithAction(async (parse, remote, cancel) =>
            {
                FileInfo? pem = parse.GetValue(pemFile);
                string? sha = parse.GetValue(thumbprint);
                if ((pem is null) == string.IsNullOrWhiteSpace(sha))
                {
                    throw new CliInputException("--pem", "give either --pem FILE or --sha256 THUMBPRINT (exactly one).");
                }

                var request = new RegisterClientCertificateRequest { User = parse.GetValue(certUser)!, Branch = parse.GetValue(certBranch)! };
                request.Roles.AddRange((parse.GetValue(certRoles) ?? []).Select(r => CliInput.ParseEnum<UserRole>("--role", r)).Distinct());
                if (pem is not null)
                {
                    if (!pem.Exists)
                    {
                        throw new CliInputException("--pem", $"'{pem.FullName}' does not exist.");
                    }

                    request.CertificatePem = await File.ReadAllTextAsync(pem.FullName, cancel);
                }
                else
                {
                    request.CertificateSha256 = sha!.Trim();
                }

                Credential c = await remote.Admin.RegisterClientCertificateAsync(request, cancellationToken: cancel);
                if (remote.Json)
                {
                    ProtoJson.Write(c);
                }
                else
                {
                    Console.WriteLine("registered " + ProtoText.Credential(c));
                    Console.WriteLine("certificate SHA-256 " + c.CertificateSha256 + " (revoke with: credentials revoke " + c.KeyId + ")");
                }

                return 0;
            }));

        var all = new Option<bool>("--all") { Description = "Include revoked keys." };
        credentials.Subcommands.Add(new Command("list", "List credentials (never their secrets), for the periodic permission review.") { all }.WithAction(async (parse, remote, cancel) =>
        {
            ListCredentialsResponse response = await remote.Admin.ListCredentialsAsync(new ListCredentialsRequest { IncludeRevoked = parse.GetValue(all) }, cancellationToken: cancel);
            if (remote.Json)
            {
                ProtoJson.Write(response);
            }
            else
            {
                foreach (Credential c in response.Credentials)
                {
                    Console.WriteLine(ProtoText.Credential(c));
                }
            }

            return 0;
        }));
        return credentials;
    }
}
