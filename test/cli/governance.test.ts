// Saved plans, snapshots and restore, diff and profiles, through the in-process CLI against loopback sandboxes.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { useLoopbackCli, writeProfiles } from '../helpers/loopback.js';
import { specFolder } from '../helpers/specs.js';

const loopback = useLoopbackCli();
const cli = (...args: string[]) => loopback.cli(args);
const state = () => loopback.sandbox().state;
const roleNamed = (name: string) => [...state().roles.values()].find((r) => r.name === name);
const SPEC =
  'roles:\n  Auditors: { description: Logs, grants: [admin.audit.view, user.view] }\ndefault_role: Auditors\n';

const files = () => specFolder(SPEC);

describe('plan --format', () => {
  it('markdown prints the pull-request comment; json the versioned plan; both exit 2 on changes', async () => {
    const spec = join(await files(), 'spec.yaml');
    const markdown = await cli('plan', spec, '--format', 'markdown');
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toMatch(/^### domo-admin plan · `sandbox`\n\n\*\*Plan: 1 to create, 1 to update/);
    expect(markdown.stdout).toContain('#### Roles (2 changes)');
    const json = await cli('plan', spec, '--format', 'json');
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as { formatVersion: number; changes: { section: string; kind: string }[] };
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.changes.map((c) => c.kind)).toEqual(['create-role', 'set-default-role']);
    expect((await cli('plan', spec, '--format', 'yaml')).code).toBe(2);
  });
});

describe('apply a saved plan', () => {
  it('plan --out, then apply plan.json: applies exactly the reviewed plan', async () => {
    const dir = await files();
    expect((await cli('plan', join(dir, 'spec.yaml'), '--out', join(dir, 'plan.json'))).code).toBe(2);
    const saved = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as { format: string; fingerprint: string };
    expect(saved).toMatchObject({ format: 'domo-admin-plan', version: 1, instance: 'sandbox' });
    const applied = await cli('apply', join(dir, 'plan.json'), '--yes');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('✓ applied 2 change(s); the instance now matches the plan');
    expect(state().defaultRoleId).toBe(roleNamed('Auditors')!.id);
  });

  it('refuses a saved plan once the instance changed, and applies nothing', async () => {
    const dir = await files();
    await cli('plan', join(dir, 'spec.yaml'), '--out', join(dir, 'plan.json'));
    const defaultBefore = state().defaultRoleId;
    roleNamed('Editor')!.description = 'changed by someone else';
    const refused = await cli('apply', join(dir, 'plan.json'), '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('DomoStalePlanError: the instance has changed since this plan was made');
    expect(roleNamed('Auditors')).toBeUndefined();
    expect(state().defaultRoleId).toBe(defaultBefore);
  });
});

describe('snapshots and restore', () => {
  it('apply writes a snapshot and says how to undo; restore goes back', async () => {
    const dir = await files();
    const exported = (await cli('export')).stdout;
    const applied = await cli('apply', join(dir, 'spec.yaml'), '--yes');
    expect(applied.code).toBe(0);
    const snapshots = await readdir(join(loopback.dir(), 'snapshots'));
    expect(snapshots).toHaveLength(1);
    const file = join(loopback.dir(), 'snapshots', snapshots[0]!);
    expect(applied.stdout).toContain(`(undo: domo-admin restore ${file})`);

    const asked = await cli('restore', file);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('− role "Auditors"');
    expect(asked.stderr).toContain('nothing was applied');
    const refused = await cli('restore', file, '--yes');
    expect(refused.stderr).toContain('pass --allow-destructive');
    const policy = join(dir, 'no-default-grants.yaml');
    await writeFile(policy, 'policies:\n  - { deny: the default role holds nothing, default_role_never: ["*"] }\n');
    const denied = await cli('restore', file, '--yes', '--allow-destructive', '--policy', policy);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('1 policy violation(s) deny this; nothing was applied');
    expect(roleNamed('Auditors')).toBeDefined();
    const restored = await cli('restore', file, '--yes', '--allow-destructive');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('the instance now matches the snapshot');
    expect((await cli('export')).stdout).toBe(exported);
    expect(await readdir(join(loopback.dir(), 'snapshots'))).toHaveLength(2); // the restore can be undone too
  });

  it('a file that is not a snapshot is refused with its problems located', async () => {
    const dir = await files();
    const restored = await cli('restore', join(dir, 'spec.yaml'), '--yes');
    expect(restored.code).toBe(1);
    expect(restored.stderr).toContain(
      'DomoSpecError: 1 problem in the snapshot:\n  ' +
        `${join(dir, 'spec.yaml')}:1:1 format: not a domo-admin-snapshot file (it must say format: domo-admin-snapshot)`,
    );
  });
});

describe('profiles and diff', () => {
  let prod: RunningSandbox | undefined;
  afterEach(async () => {
    await prod?.close();
    prod = undefined;
  });

  async function twoInstances(): Promise<NodeJS.ProcessEnv> {
    prod = await startSandbox({ instance: 'prod' });
    return writeProfiles(loopback.dir(), { dev: loopback.sandbox(), prod });
  }

  it('--profile picks the instance and reads its credential from the variable it names', async () => {
    const env = await twoInstances();
    const whoami = await loopback.cli(['--profile', 'prod', 'whoami'], env);
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toContain('instance prod');
    const unset = await loopback.cli(['--profile', 'prod', 'whoami'], { ...env, PROD_TOKEN: '' });
    expect(unset.stderr).toContain('profile "prod": PROD_TOKEN is not set');
    const missing = await loopback.cli(['--profile', 'qa', 'whoami'], env);
    expect(missing.stderr).toContain('no profile "qa"');
    expect(missing.stderr).toContain('profiles: dev, prod');
  });

  it('refuses a profiles file that holds a secret, without echoing it', async () => {
    await writeFile(
      join(loopback.dir(), 'profiles.yaml'),
      'profiles:\n  prod: { instance: acme, token: CANARY-s3cr3t-profile }\n',
    );
    const run = await loopback.cli(['--profile', 'prod', 'whoami']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('never put a secret in this file: name the environment variable');
    expect(run.stderr).not.toContain('CANARY-s3cr3t-profile');
  });

  it('diff --from dev --to prod: the same instances differ in nothing; then by name, field by field', async () => {
    const env = await twoInstances();
    const same = await loopback.cli(['diff', '--from', 'dev', '--to', 'prod'], env);
    expect(same.stdout).toContain('No differences between dev and prod');
    expect(same.code).toBe(0);

    const stewards = [...prod!.state.roles.values()].find((r) => r.name === 'Data Stewards')!;
    stewards.authorities = stewards.authorities.filter((a) => a !== stewards.authorities[0]);
    stewards.description = 'prod words';
    const finance = [...prod!.state.roles.values()].find((r) => r.name === 'Finance Editors')!;
    finance.name = 'Finance Writers';
    const diff = await loopback.cli(['diff', '--from', 'dev', '--to', 'prod', '--only', 'roles'], env);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain('Comparing dev → prod:');
    expect(diff.stdout).toContain('− "Finance Editors" only in dev');
    expect(diff.stdout).toContain('+ "Finance Writers" only in prod');
    expect(diff.stdout).toMatch(
      / {2}~ "Data Stewards"\n {6}description: ".*" → "prod words"\n {6}grants: 1 removed\n {8}− \S+\n/,
    );
    const json = JSON.parse(
      (await loopback.cli(['--json', 'diff', '--from', 'dev', '--to', 'prod', '--only', 'roles'], env)).stdout,
    ) as { differences: { name: string; kind: string }[] };
    expect(json.differences.map((d) => `${d.kind} ${d.name}`)).toEqual([
      'changed Data Stewards',
      'only-from Finance Editors',
      'only-to Finance Writers',
    ]);
  });

  it('diff of a spec file and the instance compares only what the file names', async () => {
    const dir = await files();
    const run = await cli('diff', '--from', join(dir, 'spec.yaml'), '--to', 'instance');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('− "Auditors" only in');
    expect(run.stdout).toMatch(/\n {2}~ default role: ".*" → ".*"\n/);
    expect(run.stdout).not.toContain('Data Stewards');
    await cli('apply', join(dir, 'spec.yaml'), '--yes');
    expect((await cli('diff', '--from', join(dir, 'spec.yaml'), '--to', 'instance')).code).toBe(0);
    expect((await cli('diff', '--from', join(dir, 'nope.yaml'), '--to', 'instance')).stderr).toContain('no such file');
  });
});

describe('policies (--policy)', () => {
  const POLICY =
    'policies:\n  - deny: only Admin may hold role.manage\n    grant: role.manage\n    only_roles: [Admin]\n';
  const RISKY = 'roles:\n  Auditors: { grants: [admin.audit.view, user.view, role.manage] }\n';

  async function folder() {
    const dir = await specFolder(RISKY);
    await writeFile(join(dir, 'policy.yaml'), POLICY);
    return { spec: join(dir, 'spec.yaml'), policy: join(dir, 'policy.yaml') };
  }

  it('plan shows the violation and exits 1; apply --yes refuses and creates nothing', async () => {
    const { spec, policy } = await folder();
    const plan = await cli('plan', spec, '--policy', policy);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain(
      `✗ policy: deny "only Admin may hold role.manage" (${policy} policies[0]): role "Auditors" holds role.manage`,
    );
    const apply = await cli('apply', spec, '--policy', policy, '--yes');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('1 policy violation(s) deny this; nothing was applied');
    expect(roleNamed('Auditors')).toBeUndefined();
    expect((await cli('plan', spec)).code).toBe(2); // without the rule: an ordinary plan
  });

  it('validate checks the rules offline; audit judges the live instance and exits 2 on a deny', async () => {
    const { spec, policy } = await folder();
    const validate = await cli('validate', spec, '--policy', policy);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('role "Auditors" holds role.manage');
    const audit = await cli('audit', '--no-usage', '--policy', policy);
    expect(audit.code).toBe(2);
    expect(audit.stdout).toContain('[high] policy deny "only Admin may hold role.manage"');
    expect(audit.stdout).toContain('role "Privileged Admin" holds role.manage');
  });
});
