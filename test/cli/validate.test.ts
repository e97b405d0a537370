// `validate` checks specs offline — no credentials, no instance, no request — for pre-commit and CI.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';
import { validateSpec } from '../../src/governance/index.js';
import { loadSpec } from '../../src/governance/load.js';

async function validate(...specs: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'validate-'));
  const files = await Promise.all(
    specs.map(async (text, i) => {
      const file = join(dir, `spec${i}.yaml`);
      await writeFile(file, text);
      return file;
    }),
  );
  const io = bufferIo({}); // no DOMO_* variables: nothing could be read
  const code = await runCli(['validate', ...files], io);
  const json = bufferIo({});
  await runCli(['--json', 'validate', ...files], json);
  return { code, stdout: io.stdout(), stderr: io.stderr(), json: JSON.parse(json.stdout()) as { valid: boolean } };
}

const GOOD = `
roles:
  Auditors:
    grants: [dataset.view]
    members: [ada@acme.com]
default_role: Participant
groups:
  Finance:
    owners: [bo@acme.com]
accounts:
  Snowflake:
    share:
      group:Finance: CAN_VIEW
`;

describe('validate', () => {
  it('a good spec: exit 0, with no credentials and no instance', async () => {
    const run = await validate(GOOD);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ .*spec0\.yaml/);
    expect(run.json.valid).toBe(true);
  });

  it('errors between sections: a user in two roles, a grant added and removed, an owner also shared', async () => {
    const run = await validate(`
roles:
  A:
    members: [ada@acme.com]
    grants: { add: [dataset.view], remove: [dataset.view] }
  B:
    members: [ADA@acme.com]
accounts:
  S3:
    owner: bo@acme.com
    share:
      bo@acme.com: CAN_VIEW
`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('is also a member of "A" (a user has one role)');
    expect(run.stdout).toContain('both added and removed: dataset.view');
    expect(run.stdout).toContain('bo@acme.com is the owner and also shared CAN_VIEW');
    expect(run.json.valid).toBe(false);
  });

  it('warnings for what must exist on the instance; schema errors with their line', async () => {
    const warned = await validate(
      'default_role: Stewards\naccounts:\n  S3:\n    share:\n      group:Nowhere: CAN_VIEW\n',
    );
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('default_role: "Stewards" is not in this spec\'s roles');
    expect(warned.stdout).toContain('group "Nowhere" is not in this spec\'s groups');
    const broken = await validate('roles:\n  A:\n    grants: [not a grant]\n');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/✗ .*spec0\.yaml\n.*line 3:\d+ roles\.A\.grants/);
  });

  it('validateSpec is the same check for library users', () => {
    const { errors, warnings } = validateSpec(
      loadSpec('groups:\n  G:\n    owners: []\n    membership: authoritative\n'),
    );
    expect(errors).toEqual(['groups.G.owners: a group keeps at least one owner; list one (or leave owners out)']);
    expect(warnings).toHaveLength(1);
  });
});

describe('the spec schema, offline', () => {
  it('export points editors at the copy the package ships; --schema points elsewhere; schema prints it', async () => {
    const { readFileSync } = await import('node:fs');
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const sb = await startSandbox();
    try {
      const env = { DOMO_INSTANCE: sb.instance, DOMO_ACCESS_TOKEN: sb.token, DOMO_BASE_URL: sb.url };
      const io = bufferIo(env);
      await runCli(['export', '--only', 'roles'], io);
      expect(io.stdout().split('\n')[0]).toBe(
        '# yaml-language-server: $schema=./node_modules/domo-admin/schema/spec.schema.json',
      );
      const custom = bufferIo(env);
      await runCli(['export', '--only', 'roles', '--schema', './spec.schema.json'], custom);
      expect(custom.stdout().split('\n')[0]).toBe('# yaml-language-server: $schema=./spec.schema.json');
    } finally {
      await sb.close();
    }
    const schema = bufferIo({});
    expect(await runCli(['schema'], schema)).toBe(0);
    expect(JSON.parse(schema.stdout())).toEqual(
      JSON.parse(readFileSync(new URL('../../schema/spec.schema.json', import.meta.url), 'utf8')),
    );
  });
});
