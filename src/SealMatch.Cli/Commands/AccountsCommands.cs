using System.CommandLine;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary><c>accounts create|get|set-rules|close</c>: AccountService.</summary>
internal static class AccountsCommands
{
    public static Command Build()
    {
        var accounts = new Command("accounts", "Open, show and close accounts; set their signing rules (needs a SPECIMEN_CLERK or ADMIN key to change).");
        accounts.Subcommands.Add(BuildCreate());
        accounts.Subcommands.Add(BuildGet());
        accounts.Subcommands.Add(BuildSetRules());
        accounts.Subcommands.Add(BuildClose());
        return accounts;
    }

    private static Command BuildCreate()
    {
        var number = new Option<string>("--number") { Description = "Account number.", Required = true };
        var name = new Option<string>("--name") { Description = "Account holder (company) name.", Required = true };
        var branch = new Option<string>("--branch") { Description = "Branch code the account belongs to.", Required = true };
        var risk = new Option<string?>("--risk") { Description = "Risk tier: STANDARD (default), ELEVATED or HIGH." };
        return new Command("create", "Open an account record.") { number, name, branch, risk }.WithAction(async (parse, remote, cancel) =>
        {
            var request = new CreateAccountRequest
            {
                AccountNumber = parse.GetValue(number)!,
                Name = parse.GetValue(name)!,
                BranchCode = parse.GetValue(branch)!,
                RiskTier = parse.GetValue(risk) is string r ? CliInput.ParseEnum<RiskTier>("--risk", r) : RiskTier.Standard,
            };
            Print(remote, await remote.Accounts.CreateAccountAsync(request, cancellationToken: cancel));
            return 0;
        });
    }

    private static Command BuildGet()
    {
        var id = AccountIdArgument();
        return new Command("get", "Show an account and its signing rules.") { id }.WithAction(async (parse, remote, cancel) =>
        {
            Print(remote, await remote.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = parse.GetValue(id)! }, cancellationToken: cancel));
            return 0;
        });
    }

    private static Command BuildSetRules()
    {
        var id = AccountIdArgument();
        var rule = new Option<string[]>("--rule") { Description = SigningRuleSyntax.Help, AllowMultipleArgumentsPerToken = false };
        var file = new Option<FileInfo?>("--rules-file")
        {
            Description = "JSON file instead of --rule: [{\"name\": \"everyday\", \"roles\": [\"FINANCE\", \"LEGAL_REP\"], \"currency\": \"CNY\", \"min\": 0, \"max\": 100000, \"accept_threshold\": 0.99}, ...].",
        };
        var command = new Command("set-rules", "Replace the account's signing rules as a whole (a slip passes when any one rule is fully satisfied).") { id, rule, file };
        return command.WithAction(async (parse, remote, cancel) =>
        {
            IReadOnlyList<SigningRule> rules = ReadRules(parse.GetValue(rule) ?? [], parse.GetValue(file));
            var request = new SetSigningRulesRequest { AccountId = parse.GetValue(id)! };
            request.Rules.AddRange(rules);
            Print(remote, await remote.Accounts.SetSigningRulesAsync(request, cancellationToken: cancel));
            return 0;
        });
    }

    private static Command BuildClose()
    {
        var id = AccountIdArgument();
        return new Command("close", "Close the account (kept for retention; it changes no more).") { id }.WithAction(async (parse, remote, cancel) =>
        {
            Print(remote, await remote.Accounts.CloseAccountAsync(new CloseAccountRequest { AccountId = parse.GetValue(id)! }, cancellationToken: cancel));
            return 0;
        });
    }

    /// <summary>Rules from <c>--rule</c> values or a rules file, never both, never none.</summary>
    internal static IReadOnlyList<SigningRule> ReadRules(IReadOnlyList<string> rules, FileInfo? file)
    {
        if (file is not null && rules.Count > 0)
        {
            throw new CliInputException("--rules-file", "give the rules either with --rule or in a file, not both.");
        }

        if (file is not null)
        {
            return file.Exists
                ? SigningRuleSyntax.ParseJson(File.ReadAllText(file.FullName))
                : throw new CliInputException("--rules-file", $"{file.FullName} does not exist.");
        }

        return rules.Count > 0
            ? SigningRuleSyntax.ParseAll(rules)
            : throw new CliInputException("--rule", "no rules given; pass --rule (repeatable) or --rules-file.");
    }

    private static Argument<string> AccountIdArgument() => new("account-id") { Description = "Account id (as printed by accounts create)." };

    private static void Print(RemoteSession remote, Account account)
    {
        if (remote.Json)
        {
            ProtoJson.Write(account);
        }
        else
        {
            Console.Write(ProtoText.Account(account));
        }
    }
}
