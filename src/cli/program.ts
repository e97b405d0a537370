import { Command, CommanderError, Option } from 'commander';
import { isDomoError } from '../client/errors.js';
import { LOG_LEVELS } from '../client/logger.js';
import { VERSION } from '../version.js';
import { registerAccounts } from './commands/accounts.js';
import { registerRepl } from './commands/repl.js';
import { registerRoles } from './commands/roles.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerWhoAmI } from './commands/whoami.js';
import { CliContext, redactBody, type GlobalOptions } from './context.js';
import { processIo, type CliIo } from './io.js';

/** The `domo-admin` command line, writing through `io`. */
export function createProgram(io: CliIo = processIo): { program: Command; context: () => CliContext | undefined } {
  let current: CliContext | undefined;
  const program = new Command('domo-admin')
    .description('Administer Domo instances: accounts, OAuth templates, sharing, roles, grants and members.\nCredentials come from DOMO_INSTANCE + DOMO_ACCESS_TOKEN (or DOMO_USERNAME + DOMO_PASSWORD); --sandbox uses an embedded fake instance.')
    .version(VERSION)
    .option('--instance <name>', 'the instance (overrides DOMO_INSTANCE)')
    .option('--base-url <url>', 'send requests here instead of https://{instance}.domo.com (overrides DOMO_BASE_URL)')
    .option('--sandbox', 'run against an embedded sandbox instead of a real instance')
    .option('--json', 'machine output on stdout, nothing else there')
    .addOption(new Option('--log <level>', 'log requests to stderr').choices(LOG_LEVELS.filter((l) => l !== 'off')))
    .option('--dry-run', 'for changes: print the request that would be sent (secrets redacted) and send nothing')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  program.hook('preAction', (_root, action) => {
    current = new CliContext(io, action.optsWithGlobals<GlobalOptions>());
  });
  const ctx = () => current as CliContext;
  registerWhoAmI(program, ctx);
  registerAccounts(program, ctx);
  registerRoles(program, ctx);
  registerSandboxCommand(program);
  registerRepl(program, ctx);
  for (const command of program.commands) applyRecursively(command, (c) => c.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).showHelpAfterError());
  return { program, context: () => current };
}

function applyRecursively(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const child of command.commands) applyRecursively(child, apply);
}

/**
 * Runs the CLI and returns its exit code: 0 done, 1 an error (one line `ErrorClass: message` on stderr),
 * 2 a usage error (with help). A dry run that held back a change prints it and exits 0.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const { program, context } = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return usageExitCode(error);
    const ctx = context();
    if (ctx && ctx.captured.length > 0) return printDryRun(ctx);
    io.err(`${errorLine(error)}\n`);
    return 1;
  } finally {
    await context()?.close();
  }
}

/** 0 for `--help` and `--version`; 2 for a usage error, and for help shown because no (sub)command was given. */
function usageExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
  if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
  return 2;
}

function printDryRun(ctx: CliContext): number {
  const requests = ctx.captured.map((r) => ({ method: r.method, url: r.url, body: redactBody(r.body) }));
  ctx.result({ dryRun: true, wouldSend: requests }, () => `dry run: nothing was changed. Would send:\n${requests.map((r) => `  ${r.method} ${r.url}\n    ${r.body}`).join('\n')}\n`);
  return 0;
}

function errorLine(error: unknown): string {
  if (isDomoError(error)) return `${error.name}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
