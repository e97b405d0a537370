import { Command, CommanderError, Option } from 'commander';
import { DomoInputError } from '../client/errors.js';
import { LOG_LEVELS } from '../client/logger.js';
import { VERSION } from '../version.js';
import { registerAccounts } from './commands/accounts.js';
import { registerAudit } from './commands/audit.js';
import { registerCatalogs } from './commands/catalog.js';
import { registerGovernance } from './commands/governance.js';
import { registerGroups } from './commands/groups.js';
import { registerRepl } from './commands/repl.js';
import { registerRoles } from './commands/roles.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerUsers } from './commands/users.js';
import { registerWhoAmI } from './commands/whoami.js';
import { CliContext, redactBody, type GlobalOptions } from './context.js';
import { printable } from './text.js';
import { paintMarks } from './color.js';
import { processIo, type CliIo } from './io.js';

/** The `domo-admin` command line, writing through `io`. */
export function createProgram(io: CliIo = processIo): { program: Command; context: () => CliContext | undefined } {
  let current: CliContext | undefined;
  const program = new Command('domo-admin')
    .description(
      'Administer Domo instances: accounts, OAuth templates, sharing, roles, grants and members.\nCredentials come from DOMO_INSTANCE + DOMO_ACCESS_TOKEN (or DOMO_USERNAME + DOMO_PASSWORD); --sandbox uses an embedded fake instance.',
    )
    .version(VERSION)
    .option('--profile <name>', 'the instance and credential variables named in .domo-admin/profiles.yaml')
    .option('--instance <name>', 'the instance (overrides DOMO_INSTANCE)')
    .option('--base-url <url>', 'send requests here instead of https://{instance}.domo.com (overrides DOMO_BASE_URL)')
    .option('--sandbox', 'run against an embedded sandbox instead of a real instance')
    .option('--json', 'machine output on stdout, nothing else there')
    .addOption(new Option('--log <level>', 'log requests to stderr').choices(LOG_LEVELS.filter((l) => l !== 'off')))
    .option('--dry-run', 'for changes: say what would change and send nothing (--verbose: the raw requests too)')
    .option('--verbose', 'with --dry-run: also list the raw requests held back (secrets redacted)')
    .option('--no-color', 'no colour (also NO_COLOR=1; colour is only ever used on a terminal)')
    .option('--yes', 'apply changes without asking: needed when not in a terminal (a terminal is asked to type yes)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .addHelpText(
      'after',
      `
Exit codes: 0 done; 1 an error, or a change refused (nothing was sent); 2 a usage error, or plan/diff found
changes; 3 an audit that could not see everything. Changes that remove, replace, delete, revoke or transfer show
what will change and ask (--yes without a terminal). Run 'domo-admin <command> --help' for a command's options.`,
    );
  program.hook('preAction', (_root, action) => {
    current = new CliContext(io, action.optsWithGlobals<GlobalOptions>());
  });
  const ctx = () => current as CliContext;
  registerWhoAmI(program, ctx);
  registerAccounts(program, ctx);
  registerRoles(program, ctx);
  registerUsers(program, ctx);
  registerGroups(program, ctx);
  registerCatalogs(program, ctx);
  registerGovernance(program, ctx);
  registerAudit(program, ctx);
  registerSandboxCommand(program);
  registerRepl(program, ctx);
  // A usage error is one line and where to look (gh style), not the whole help; every help shows the global options.
  applyRecursively(program, (c) =>
    c
      .exitOverride()
      .configureOutput({ writeOut: io.out, writeErr: io.err })
      .configureHelp({ showGlobalOptions: true })
      .showHelpAfterError(`Run '${commandPath(c)} --help' for usage.`),
  );
  return { program, context: () => current };
}

/** `domo-admin roles grants`: the words that run a command. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function applyRecursively(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const child of command.commands) applyRecursively(child, apply);
}

/**
 * Runs the CLI and returns its exit code: 0 done, 1 an error (one line `ErrorClass: message` on stderr, or with
 * `--json` one JSON object `{ name, message, status, … }`), 2 a usage error (with help). A dry run that held back
 * changes prints every request it would have sent and exits 0.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const json = argv.includes('--json');
  const { program, context } = createProgram(json ? jsonUsageIo(io) : io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    const ctx = context();
    return ctx && ctx.captured.length > 0 ? printDryRun(ctx) : (ctx?.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = usageExitCode(error);
      if (json && code !== 0)
        io.err(
          `${JSON.stringify({ name: 'UsageError', message: usageMessage(error), status: null, exitCode: code })}\n`,
        );
      return code;
    }
    const ctx = context();
    if (ctx && ctx.captured.length > 0) return printDryRun(ctx, error);
    const line = printable(inCliTerms(errorLine(error), error));
    const colour = io.colour.err && !argv.includes('--no-color');
    io.err(json ? `${JSON.stringify(errorJson(error))}\n` : `${colour ? paintMarks(line) : line}\n`);
    return 1;
  } finally {
    await context()?.close();
  }
}

/** With `--json`, commander's own error text and help on stderr give way to the one JSON line `runCli` writes. */
function jsonUsageIo(io: CliIo): CliIo {
  return { ...io, err: () => undefined };
}

function usageMessage(error: CommanderError): string {
  if (error.code === 'commander.help') return 'a command is needed; run with --help to list them';
  return error.message.replace(/^error: /, '');
}

/** 0 for `--help` and `--version`; 2 for a usage error, and for help shown because no (sub)command was given. */
function usageExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
  if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
  return 2;
}

/**
 * Prints what a dry run held back. When a later step needed the answer to a held-back change (a created id),
 * the run stopped there; it says so, and why.
 */
function printDryRun(ctx: CliContext, stoppedBy?: unknown): number {
  const requests = ctx.captured.map((r) => ({ method: r.method, url: r.url, body: redactBody(r.body) }));
  const stopped =
    stoppedBy === undefined
      ? undefined
      : `the dry run stopped after the last request: the next step needs its answer (${errorLine(stoppedBy)})`;
  ctx.options.dryRun = false; // the listing itself is the result
  // In words when the command showed the change (the preview above); the raw requests with --verbose or otherwise.
  const raw = !ctx.previewed || ctx.options.verbose;
  ctx.result({ dryRun: true, wouldSend: requests, ...(stopped ? { stopped } : {}) }, () =>
    [
      raw
        ? `dry run: nothing was changed. Would send ${requests.length} request(s):`
        : `dry run: nothing was changed: the change above was not sent (${requests.length} request(s) held back; --verbose lists them).`,
      ...(raw ? requests.map((r) => `  ${r.method} ${r.url}\n    ${r.body}`) : []),
      ...(stopped ? [`(${stopped})`] : []),
      '',
    ].join('\n'),
  );
  return 0;
}

/** An error as one JSON object: name, message and status first, then what else it says (never a secret). */
function errorJson(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), status: null };
  const fields = error as unknown as Record<string, unknown>;
  const pick = [
    'route',
    'method',
    'url',
    'code',
    'field',
    'reason',
    'attempts',
    'mayHaveBeenApplied',
    'completed',
    'issues',
    'serverMessage',
    'requestId',
  ];
  const extra = Object.fromEntries(pick.filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]]));
  return {
    name: error.name,
    message: inCliTerms(error.message, error),
    status: typeof fields.status === 'number' ? fields.status : null,
    ...extra,
  };
}

function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const requestId = (error as { requestId?: unknown }).requestId;
  const support = typeof requestId === 'string' ? ` [request id ${requestId}: quote this id to Domo support]` : '';
  return `${error.name}: ${error.message}${support}`;
}

/** Library option names in a message, said the way the CLI spells them: `{ reassignTo: roleId }` → `--reassign-to <role>`. */
const CLI_TERMS: [RegExp, string][] = [
  [/\{ reassignTo: roleId \}|\breassignTo\b/g, '--reassign-to <role>'],
  [/\{ toRoleId: roleId \}|\btoRoleId\b/g, '--to-role <role>'],
  [/\{ withConfig: true \}|\bwithConfig\b/g, '--with-config'],
  [/\{ transferTo: user \}|\btransferTo\b/g, '--transfer-to <user>'],
  [/\ballowDestructive\b/g, '--allow-destructive'],
  [/\ballowSelfLockout\b/g, '--allow-self-lockout'],
];

function inCliTerms(message: string, error: unknown): string {
  if (!(error instanceof DomoInputError)) return message;
  return CLI_TERMS.reduce((text, [pattern, flag]) => text.replace(pattern, flag), message);
}
