import { Command, CommanderError, Option } from 'commander';
import { errorJson, inCliTerms } from './errors-json.js';
import { LOG_LEVELS } from '../client/logger.js';
import { VERSION } from '../version.js';
import type { CliContext, GlobalOptions } from './context.js';
import { redactBody } from './text.js';
import { printable } from './text.js';
import { paintMarks } from './color.js';
import { processIo, type CliIo } from './io.js';
import { examplesText } from './examples.js';

type Registrar = (program: Command, ctx: () => CliContext) => void;

/**
 * The top-level commands, what they do (for `--help`), and the module that registers them — loaded only when one of
 * its commands runs, so `--help`, `--version` and usage errors load no library code.
 */
const COMMANDS: { names: Record<string, string>; load: () => Promise<Registrar> }[] = [
  {
    names: { whoami: 'show the user the credentials belong to' },
    load: async () => (await import('./commands/whoami.js')).registerWhoAmI,
  },
  {
    names: {
      accounts:
        'credential accounts: list, show, access, create, update-config, share, unshare, rename, transfer-owner, delete',
      oauth: 'OAuth account templates: list, show, share, unshare, rename, transfer-owner, delete',
    },
    load: async () => (await import('./commands/accounts.js')).registerAccounts,
  },
  {
    names: { roles: 'roles: list, show, grants, members, create, update, delete, default' },
    load: async () => (await import('./commands/roles.js')).registerRoles,
  },
  {
    names: { users: 'users: list, show, find, create, set-role, update, delete' },
    load: async () => (await import('./commands/users.js')).registerUsers,
  },
  {
    names: { groups: 'groups: list, show, create, update, add, remove, owners, delete' },
    load: async () => (await import('./commands/groups.js')).registerGroups,
  },
  {
    names: { tokens: 'access tokens: list, show, create, revoke (a reviewed plan), rotate (without downtime)' },
    load: async () => (await import('./commands/access-tokens.js')).registerTokens,
  },
  {
    names: { 'api-clients': 'API clients (OAuth client credentials): list, show, revoke' },
    load: async () => (await import('./commands/api-clients.js')).registerApiClients,
  },
  {
    names: { sessions: "users' open sessions: list, end" },
    load: async () => (await import('./commands/sessions.js')).registerSessions,
  },
  {
    names: {
      activity: 'the activity log: types, export (by day, resumable)',
      history: 'who changed a role, group, account or user, and when (from the activity log)',
    },
    load: async () => (await import('./commands/activity.js')).registerActivity,
  },
  {
    names: { datasets: 'datasets: list, show, transfer (what a user owns with list --owner)' },
    load: async () => (await import('./commands/datasets.js')).registerDatasets,
  },
  {
    names: { dataflows: 'dataflows: list, show, transfer (what a user owns with list --owner)' },
    load: async () => (await import('./commands/dataflows.js')).registerDataflows,
  },
  {
    names: { 'beast-modes': 'beast modes and variables: list, show, transfer' },
    load: async () => (await import('./commands/beast-modes.js')).registerBeastModes,
  },
  {
    names: { appdb: 'AppDB collections: list, show, transfer' },
    load: async () => (await import('./commands/appdb.js')).registerAppDb,
  },
  {
    names: { alerts: 'alerts: list, show, transfer' },
    load: async () => (await import('./commands/alerts.js')).registerAlerts,
  },
  {
    names: { 'report-schedules': 'scheduled reports: list, show, transfer' },
    load: async () => (await import('./commands/report-schedules.js')).registerReportSchedules,
  },
  {
    names: { workflows: 'workflows: list, show, transfer' },
    load: async () => (await import('./commands/workflows.js')).registerWorkflows,
  },
  {
    names: { codeengine: 'Code Engine packages: list, show, transfer' },
    load: async () => (await import('./commands/codeengine.js')).registerCodeengine,
  },
  {
    names: { jupyter: 'Jupyter workspaces: list, show, transfer' },
    load: async () => (await import('./commands/jupyter.js')).registerJupyter,
  },
  {
    names: { filesets: 'filesets: list, show, transfer' },
    load: async () => (await import('./commands/filesets.js')).registerFilesets,
  },
  {
    names: { cards: 'cards: list, show, transfer (what a user owns with list --owner)' },
    load: async () => (await import('./commands/cards.js')).registerCards,
  },
  {
    names: { pages: 'pages (dashboards): list, show, transfer' },
    load: async () => (await import('./commands/pages.js')).registerPages,
  },
  {
    names: { apps: 'App Studio apps: list, show, transfer' },
    load: async () => (await import('./commands/apps.js')).registerApps,
  },
  {
    names: { grants: 'the grants (authorities) catalogue', providers: 'the data providers (connector types)' },
    load: async () => (await import('./commands/catalog.js')).registerCatalogs,
  },
  {
    names: {
      export: 'print the instance as a governance spec (YAML)',
      schema: 'print the JSON Schema of governance specs',
      plan: 'show what applying a spec would change (exit 0: no changes, 2: changes, 1: error)',
      validate: 'check specs offline, no instance read',
      apply: 'apply a spec, or a plan saved by `plan --out`',
      restore: 'plan and apply the way back to a snapshot written before an apply',
      diff: 'compare two instances (profiles) or a spec file and an instance (exit 2: different)',
    },
    load: async () => (await import('./commands/governance.js')).registerGovernance,
  },
  {
    names: {
      audit: 'who can do what: findings, an HTML report, CSV',
      'who-can': 'the users who hold a grant, and the role it comes through',
      access: 'everything one user reaches, and why',
    },
    load: async () => (await import('./commands/audit.js')).registerAudit,
  },
  {
    names: { offboard: 'hand over what a user owns, then optionally delete them (--out: a plan to apply later)' },
    load: async () => (await import('./commands/offboard.js')).registerOffboard,
  },
  {
    names: { owned: 'everything a user owns, by type' },
    load: async () => (await import('./commands/owned.js')).registerOwned,
  },
  {
    names: { sandbox: 'serve a stateful fake Domo instance on 127.0.0.1 until Ctrl-C' },
    load: async () => {
      const { registerSandboxCommand } = await import('./commands/sandbox.js');
      return (program) => registerSandboxCommand(program);
    },
  },
  {
    names: { repl: 'an interactive session with auth, the classes and the routes preloaded' },
    load: async () => (await import('./commands/repl.js')).registerRepl,
  },
];

/** Global options that take a value: what follows them is not a command name. */
const VALUE_OPTIONS = new Set(['--profile', '--instance', '--base-url', '--log']);

/** The first word of `argv` that names a command (after the global options), if any. */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i] as string;
    if (VALUE_OPTIONS.has(word)) i += 1;
    else if (!word.startsWith('-')) return word === 'help' ? argv[i + 1] : word;
  }
  return undefined;
}

/**
 * The `domo-admin` command line, writing through `io`. Only the module of the command `argv` names is loaded;
 * without one (`--help`, no command, an unknown one) the commands are listed by name and description alone.
 */
export async function createProgram(
  io: CliIo = processIo,
  argv: readonly string[] = [],
): Promise<{ program: Command; context: () => CliContext | undefined }> {
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
changes; 3 an audit or owned that could not see everything. Changes that remove, replace, delete, revoke or transfer show
what will change and ask (--yes without a terminal). Run 'domo-admin <command> --help' for a command's options.`,
    );
  program.hook('preAction', async (_root, action) => {
    const { CliContext: Context } = await import('./context.js');
    current = new Context(io, action.optsWithGlobals<GlobalOptions>());
  });
  const ctx = () => current as CliContext;
  const name = commandName(argv);
  const entry = COMMANDS.find((c) => name !== undefined && name in c.names);
  if (entry) (await entry.load())(program, ctx);
  else
    for (const { names } of COMMANDS)
      for (const [command, description] of Object.entries(names)) program.command(command).description(description);
  // A usage error is one line and where to look (gh style), not the whole help; every help shows the global options.
  // Every command ends its help with its examples.
  applyRecursively(program, (c) =>
    c
      .exitOverride()
      .configureOutput({ writeOut: io.out, writeErr: io.err })
      .configureHelp({ showGlobalOptions: true })
      .showHelpAfterError(`Run '${commandPath(c)} --help' for usage.`)
      .addHelpText('after', examplesText(commandPath(c).replace(/^domo-admin ?/, ''))),
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
  const { program, context } = await createProgram(json ? jsonUsageIo(io) : io, argv);
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
      : stoppedBy instanceof Error && stoppedBy.name === 'DomoValidationError'
        ? 'nothing after it is listed: the next step needs its answer (what it creates), which a dry run does not have'
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

function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const requestId = (error as { requestId?: unknown }).requestId;
  const support = typeof requestId === 'string' ? ` [request id ${requestId}: quote this id to Domo support]` : '';
  return `${error.name}: ${error.message}${support}`;
}
