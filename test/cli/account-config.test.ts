// accounts create / update-config: the config comes from a file or an environment variable (never argv), is checked
// against the provider before anything is sent, previewed with secrets masked, asked for (update), and the secret
// never shows in any output, error or dry-run listing (a canary value proves it).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLoopbackCli } from '../helpers/loopback.js';

const CANARY = 'canary-Pa55-7f3e9b';
const loopback = useLoopbackCli();
const accounts = () => [...loopback.sandbox().state.accounts.values()].filter((a) => a.kind === 'account');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'domo-admin-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

function expectNoCanary(run: { stdout: string; stderr: string }): void {
  expect(run.stdout).not.toContain(CANARY);
  expect(run.stderr).not.toContain(CANARY);
}

const snowflake = { account: 'acme-eu', username: 'loader', password: CANARY };

describe('accounts create', () => {
  it('from a JSON file: created with that config, printed masked', async () => {
    const path = await file('snowflake.json', JSON.stringify(snowflake));
    const run = await loopback.cli([
      'accounts',
      'create',
      'Snowflake - loader',
      '--provider',
      'snowflake',
      '--config-file',
      path,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ created DomoAccount #\d+ "Snowflake - loader"/);
    expect(run.stdout).toContain('password=[REDACTED]');
    expectNoCanary(run);
    const created = accounts().find((a) => a.displayName === 'Snowflake - loader')!;
    expect(created.config).toMatchObject(snowflake);
  });

  it('from an environment variable, as JSON; --dry-run --verbose previews and sends nothing, secret masked', async () => {
    const env = { SNOWFLAKE_CONFIG: JSON.stringify(snowflake) };
    const before = accounts().length;
    const dry = await loopback.cli(
      [
        '--dry-run',
        '--verbose',
        'accounts',
        'create',
        'Loader',
        '--provider',
        'snowflake',
        '--config-env',
        'SNOWFLAKE_CONFIG',
      ],
      env,
    );
    expect(dry.stderr).toContain('+ account: "acme-eu"');
    expect(dry.stderr).toContain('+ password: [REDACTED]');
    expectNoCanary(dry);
    expect(accounts()).toHaveLength(before);
    const json = await loopback.cli(
      ['--json', 'accounts', 'create', 'Loader', '--provider', 'snowflake', '--config-env', 'SNOWFLAKE_CONFIG'],
      env,
    );
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ displayName: 'Loader', provider: 'snowflake' });
    expectNoCanary(json);
  });

  it('refuses, before sending anything: no source, an unset variable, bad YAML (content not echoed), a bad field', async () => {
    const before = accounts().length;
    const none = await loopback.cli(['accounts', 'create', 'X', '--provider', 'snowflake']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--config-file <path> or --config-env <name>');
    const unset = await loopback.cli(['accounts', 'create', 'X', '--provider', 'snowflake', '--config-env', 'NOPE']);
    expect(unset.stderr).toContain('$NOPE is empty or not set');
    const broken = await file('broken.yaml', `account: acme\npassword: "${CANARY}\n  : [`);
    const bad = await loopback.cli(['accounts', 'create', 'X', '--provider', 'snowflake', '--config-file', broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('broken.yaml: not valid JSON or YAML');
    expectNoCanary(bad);
    const nested = await file('nested.json', JSON.stringify({ ...snowflake, role: { name: 'x' } }));
    const shape = await loopback.cli(['accounts', 'create', 'X', '--provider', 'snowflake', '--config-file', nested]);
    expect(shape.stderr).toContain('role must be a string, a number, a boolean or null');
    const missing = await file('missing.json', JSON.stringify({ account: 'acme', password: CANARY }));
    const required = await loopback.cli([
      'accounts',
      'create',
      'X',
      '--provider',
      'snowflake',
      '--config-file',
      missing,
    ]);
    expect(required.code).toBe(1);
    expect(required.stderr).toContain('username');
    expectNoCanary(required);
    expect(accounts()).toHaveLength(before);
  });
});

describe('accounts update-config', () => {
  async function seeded(): Promise<number> {
    const path = await file('snowflake.json', JSON.stringify({ ...snowflake, role: 'LOADER' }));
    const run = await loopback.cli([
      '--json',
      'accounts',
      'create',
      'Loader',
      '--provider',
      'snowflake',
      '--config-file',
      path,
    ]);
    return (JSON.parse(run.stdout) as { id: number }).id;
  }

  it('previews the fields (secrets masked) and refuses without --yes outside a terminal; nothing changes', async () => {
    const id = await seeded();
    const patch = await file('patch.yaml', `password: ${CANARY}-2\n`);
    const run = await loopback.cli(['accounts', 'update-config', String(id), '--config-file', patch]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('~ password: [REDACTED]');
    expect(run.stderr).toContain('run again with --yes');
    expectNoCanary(run);
    expect(loopback.sandbox().state.accounts.get(id)!.config.password).toBe(CANARY);
  });

  it('merges with --yes (in a terminal: after "yes"); --replace drops the fields not given, and says which', async () => {
    const id = await seeded();
    const patch = await file('patch.yaml', `password: ${CANARY}-2\n`);
    const asked = await loopback.cli(['accounts', 'update-config', String(id), '--config-file', patch], {}, ['yes']);
    expect(asked.code, asked.stderr).toBe(0);
    expectNoCanary(asked);
    expect(loopback.sandbox().state.accounts.get(id)!.config).toMatchObject({
      password: `${CANARY}-2`,
      role: 'LOADER',
    });
    const whole = await file('whole.json', JSON.stringify(snowflake));
    const replaced = await loopback.cli([
      '--yes',
      'accounts',
      'update-config',
      'Loader',
      '--config-file',
      whole,
      '--replace',
    ]);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain('− role');
    expectNoCanary(replaced);
    expect(loopback.sandbox().state.accounts.get(id)!.config).toEqual(snowflake);
  });
});
