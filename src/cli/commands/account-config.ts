import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { DomoAccount } from '../../classes/account/account.js';
import { isSecretField, providerConfigSpec } from '../../classes/account/config.js';
import type { ConfigValues } from '../../routes/account/input.js';
import { DomoInputError } from '../../client/errors.js';
import { confirmWrite, showWrite } from '../confirm.js';
import type { CliContext } from '../context.js';
import { accountJson } from '../kinds.js';
import { configText } from '../render.js';
import { resolveAccount } from '../resolve.js';

/** Where a config comes from: a file or an environment variable, never the command line (it would sit in history). */
interface ConfigSource {
  configFile?: string;
  configEnv?: string;
}

function configOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--config-file <path>', 'the config as a JSON or YAML mapping of provider fields').conflicts(
        'configEnv',
      ),
    )
    .addOption(new Option('--config-env <name>', 'an environment variable holding the config as JSON'));
}

/**
 * The config from `--config-file` or `--config-env`, a mapping of provider fields to strings, numbers, booleans or
 * null. An error names the file or variable and the line, never the content (it holds secrets).
 */
async function readConfig(c: CliContext, source: ConfigSource, command: Command): Promise<ConfigValues> {
  if (source.configFile === undefined && source.configEnv === undefined)
    command.error('error: give --config-file <path> or --config-env <name> (secrets never go on the command line)', {
      exitCode: 2,
      code: 'domo.usage',
    });
  const where = source.configFile ?? `$${source.configEnv}`;
  const text =
    source.configFile !== undefined
      ? await readFile(source.configFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new DomoInputError(`cannot read ${where}: ${error.code === 'ENOENT' ? 'no such file' : error.code}`, {
            field: 'config',
          });
        })
      : c.io.env[source.configEnv as string];
  if (text === undefined || text.trim() === '')
    throw new DomoInputError(`${where} is empty or not set: it must hold the config`, { field: 'config' });
  return configMapping(text, where);
}

async function configMapping(text: string, where: string): Promise<ConfigValues> {
  const { parseDocument } = await import('yaml'); // loaded only for these two commands
  const document = parseDocument(text, { prettyErrors: false });
  const [problem] = document.errors;
  if (problem) {
    const line = problem.linePos?.[0].line;
    throw new DomoInputError(`${where}: not valid JSON or YAML${line === undefined ? '' : ` (line ${line})`}`, {
      field: 'config',
    });
  }
  const value: unknown = document.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DomoInputError(`${where}: the config must be a mapping of provider fields`, { field: 'config' });
  for (const [key, field] of Object.entries(value))
    if (field !== null && !['string', 'number', 'boolean'].includes(typeof field))
      throw new DomoInputError(`${where}: ${key} must be a string, a number, a boolean or null`, { field: 'config' });
  return Object.assign(Object.create(null) as ConfigValues, value); // keys from a file: no prototype to reach
}

/** One preview line per field: its value when the provider says it is not secret, else `[REDACTED]`. */
function fieldLines(provider: string, config: ConfigValues, mark: string): string[] {
  const spec = providerConfigSpec(provider);
  return Object.entries(config).map(
    ([key, value]) => `${mark} ${key}: ${isSecretField(spec, key) ? '[REDACTED]' : JSON.stringify(value)}`,
  );
}

export function registerAccountCreate(accounts: Command, ctx: () => CliContext): void {
  configOptions(
    accounts
      .command('create <name>')
      .description('create a credential account; the config comes from a file or an environment variable')
      .requiredOption('--provider <type>', 'the data provider type (see `providers list`)'),
  ).action(async (name: string, options: ConfigSource & { provider: string }, command: Command) => {
    const c = ctx();
    const config = await readConfig(c, options, command);
    showWrite(c, {
      title: `create account ${JSON.stringify(name)} (${options.provider})`,
      changes: fieldLines(options.provider, config, '+'),
    });
    const account = await DomoAccount.create(await c.auth(), { name, dataProviderType: options.provider, config });
    await Promise.all([account.getConfig(), account.getAccess()]); // as the server now has it, secrets masked
    c.result(accountJson(account), () => `✓ created ${account.summary()}\n  config: ${configText(account.config)}\n`);
  });
}

export function registerAccountUpdateConfig(accounts: Command, ctx: () => CliContext): void {
  configOptions(
    accounts
      .command('update-config <account>')
      .description("change an account's config: the given fields (--replace: exactly these); asks first")
      .option('--replace', 'the config becomes exactly the given fields (every required one must be there)'),
  ).action(async (ref: string, options: ConfigSource & { replace?: boolean }, command: Command) => {
    const c = ctx();
    const config = await readConfig(c, options, command);
    const account = await resolveAccount(await c.auth(), ref);
    const current = await account.getConfig(); // masked: only its keys are shown
    const dropped = options.replace ? current.keys().filter((key) => !Object.hasOwn(config, key)) : [];
    await confirmWrite(c, {
      title: `${account.summary()}: ${options.replace ? 'replace' : 'update'} the config`,
      changes: [...fieldLines(account.dataProviderType, config, '~'), ...dropped.map((key) => `− ${key}`)],
    });
    await account.updateConfig(config, { replace: Boolean(options.replace) });
    await account.getConfig();
    c.result(accountJson(account), () => `✓ ${account.summary()}\n  config: ${configText(account.config)}\n`);
  });
}
