// One spec, three instances: environments (sections, names, values of their own), --profiles on plan, apply, diff,
// audit and validate, each instance's result, one exit code (the worst), a combined Markdown and JSON report.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { useLoopbackCli, writeProfiles } from '../helpers/loopback.js';
import { specFolder } from '../helpers/specs.js';
import { instancesMarkdown, worstExit } from '../../src/cli/instances.js';
import { fenced } from '../../src/governance/render-markdown.js';
import { spawnTs } from '../helpers/cli.js';

const loopback = useLoopbackCli();

const SPEC = `
roles:
  Auditors: { description: Reads the logs, grants: [admin.audit.view, user.view] }
groups:
  Release Crew: { type: closed, description: Ships it }
accounts:
  Snowflake - finance: { share: { "group:Release Crew": CAN_VIEW } }
environments:
  dev:
    sections: [roles]
  stage:
    sections: [roles, groups]
    names: { groups: { Release Crew: Release Crew (stage) } }
    override:
      roles:
        Auditors: { description: Stage auditors }
  prod:
    profile: production
    instance: prod
`;

describe('instancesMarkdown', () => {
  it('cuts a report past GitHub’s limit with a note, closing a fence it cut', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `line ${i} of a long diff`).join('\n');
    const results = ['a', 'b'].map((profile) => ({ profile, instance: profile, exitCode: 2, result: long }));
    const text = instancesMarkdown(
      'domo-admin diff',
      results,
      (r) => fenced(r, 'text'),
      () => 'long',
    );
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text).toMatch(
      /```\n\n> \[!CAUTION\]\n> This report is cut at 65,536 characters: run the command with --json for all of it\.\n$/,
    );
    expect((text.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});

describe('worstExit', () => {
  it('ranks an error above an incomplete audit above changes above none', () => {
    expect(worstExit([0, 2, 0])).toBe(2);
    expect(worstExit([2, 3, 0])).toBe(3);
    expect(worstExit([3, 1, 2])).toBe(1);
    expect(worstExit([])).toBe(0);
    expect(worstExit([0, 130])).toBe(130);
  });
});

/** A deny rule the spec's Auditors role breaks. */
const NO_AUDIT_GRANTS = '{ deny: no audit grants in prod, grant: "admin.*", never_roles: [Auditors] }';

/** Writes a file into the test's DOMO_ADMIN_DIR; its path. */
async function inDir(name: string, text: string): Promise<string> {
  const file = join(loopback.dir(), name);
  await writeFile(file, text);
  return file;
}

describe('--profiles: one spec, many instances', () => {
  const extra: RunningSandbox[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((s) => s.close()));
  });

  /** dev (the loopback sandbox), stage and prod, and the environment their profiles read tokens from. */
  async function threeInstances() {
    const [stage, prod] = await Promise.all([startSandbox({ instance: 'stage' }), startSandbox({ instance: 'prod' })]);
    extra.push(stage, prod);
    const dev = loopback.sandbox();
    const env = await writeProfiles(loopback.dir(), { dev, stage, production: prod });
    const spec = join(await specFolder(SPEC), 'spec.yaml');
    return { dev, stage, prod, env, spec };
  }

  const roleOf = (sb: RunningSandbox, name: string) => [...sb.state.roles.values()].find((r) => r.name === name);
  const groupOf = (sb: RunningSandbox, name: string) => [...sb.state.groups.values()].find((g) => g.name === name);

  it('apply: each instance gets the spec as its environment sees it; a failing one is reported, the others applied, the exit code the worst', async () => {
    const { dev, stage, prod, env, spec } = await threeInstances();
    const run = await loopback.cli(['apply', spec, '--profiles', 'dev,stage,production', '--yes'], {
      ...env,
      PRODUCTION_TOKEN: 'CANARY-wrong-prod-token',
    });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain('CANARY-wrong-prod-token');
    // dev: roles only
    expect(roleOf(dev, 'Auditors')).toMatchObject({ description: 'Reads the logs' });
    expect(groupOf(dev, 'Release Crew')).toBeUndefined();
    // stage: its own description, its own group name; accounts are not its section
    expect(roleOf(stage, 'Auditors')).toMatchObject({ description: 'Stage auditors' });
    expect(groupOf(stage, 'Release Crew (stage)')).toMatchObject({ description: 'Ships it' });
    // prod: its credential is refused, so nothing; reported
    expect(roleOf(prod, 'Auditors')).toBeUndefined();
    expect(run.stdout).toMatch(/── production \(prod\) ──\n✗ DomoAuthError: GET \/api\/authorization\/v1\/roles → 401/);
    expect(run.stdout).toMatch(
      /── dev \(sandbox\) ──\n✓ applied 1 change\(s\)\n {2}undo: domo-admin --profile dev restore \S+\.json\n/,
    );
    expect(run.stdout).toMatch(
      /3 instance\(s\), exit 1:\n {2}dev +exit 0\n {2}stage +exit 0\n {2}production +exit 1 +DomoAuthError/,
    );
    // and planning again: dev and stage match, prod still differs
    const again = await loopback.cli(['plan', spec, '--profiles', 'dev,stage,production'], env);
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/── dev \(sandbox\) ──\nNo changes/);
    expect(again.stdout).toMatch(/── stage \(stage\) ──\nNo changes/);
    expect(again.stdout).toMatch(/── production \(prod\) ──\n\+ role "Auditors"/);
  });

  it('Ctrl-C while applying to one instance says where the others stand, and exits 130', async () => {
    const { stage, env, spec } = await threeInstances();
    stage.state.faults = { latencyMs: 150 };
    const child = spawnTs('src/cli/main.ts', ['apply', spec, '--profiles', 'dev,stage,production', '--yes'], {
      ...env,
      DOMO_ADMIN_DIR: loopback.dir(),
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/applying to stage[\s\S]*\[1\/2\]/.test(stderr)) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted: [12] of 2 change\(s\) were applied/);
    expect(stderr).toContain('. Other instances: dev applied (1); not started: production');
  }, 60_000);

  it('apply asks once in a terminal (Type yes to apply) and applies nothing without a yes', async () => {
    const { dev, stage, env, spec } = await threeInstances();
    const refused = await loopback.cli(['apply', spec, '--profiles', 'dev,stage'], env, ['no']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Type yes to apply');
    expect(roleOf(dev, 'Auditors')).toBeUndefined();
    const accepted = await loopback.cli(['apply', spec, '--profiles', 'dev,stage'], env, ['yes']);
    expect(accepted.code).toBe(0);
    expect(roleOf(dev, 'Auditors')).toBeDefined();
    expect(roleOf(stage, 'Auditors')).toBeDefined();
    const script = await loopback.cli(['apply', spec, '--profiles', 'dev,stage,production'], env);
    expect(script.code).toBe(1);
    expect(script.stderr).toContain('run again with --yes (needed when not in a terminal)');
    expect(roleOf(extra[1]!, 'Auditors')).toBeUndefined();
  });

  it('plan: a combined Markdown comment and one JSON document; an instance denied by a policy exits 1', async () => {
    const { env, spec } = await threeInstances();
    const markdown = await loopback.cli(
      ['plan', spec, '--profiles', 'dev,stage,production', '--format', 'markdown'],
      env,
    );
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toMatch(/^## domo-admin plan · 3 instance\(s\)\n\n\| Profile \| Instance \| Outcome \|/);
    expect(markdown.stdout).toContain('| stage | `stage` | 2 create, 0 update, 0 move, 0 remove |');
    expect(markdown.stdout).toContain('### domo-admin plan · `prod`');
    const json = JSON.parse(
      (await loopback.cli(['plan', spec, '--profiles', 'dev,production', '--format', 'json'], env)).stdout,
    ) as { formatVersion: number; exitCode: number; instances: { profile: string; plan: { changes: unknown[] } }[] };
    expect(json.formatVersion).toBe(1);
    expect(json.exitCode).toBe(2);
    expect(json.instances.map((i) => [i.profile, i.plan.changes.length])).toEqual([
      ['dev', 1],
      ['production', 3],
    ]);
    const policy = await inDir('policy.yaml', `policies:\n  - ${NO_AUDIT_GRANTS}\n`);
    const denied = await loopback.cli(['plan', spec, '--profiles', 'dev', '--policy', policy], env);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain('✗ policy: deny "no audit grants in prod"');
    // a policy file's environments: only prod's instance is judged by prod's rule
    const perEnvironment = await inDir(
      'per-environment.yaml',
      `environments:\n  prod:\n    profile: production\n    policies:\n      - ${NO_AUDIT_GRANTS}\n`,
    );
    const mixed = await loopback.cli(['plan', spec, '--profiles', 'dev,production', '--policy', perEnvironment], env);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toMatch(/── dev \(sandbox\) ──\n\+ role "Auditors"/);
    expect(mixed.stdout).toContain(
      `── production (prod) ──\n✗ policy: deny "no audit grants in prod" (${perEnvironment} environments.prod.policies[0]): role "Auditors" holds admin.audit.view`,
    );
    expect(mixed.stdout).toMatch(/ {2}dev +exit 2\n {2}production +exit 1/);
  });

  it('--profile alone plans with its environment too; validate --json keeps its shape, naming the profile', async () => {
    const { env, spec } = await threeInstances();
    const one = await loopback.cli(['--json', '--profile', 'stage', 'plan', spec], env);
    expect(one.code).toBe(2);
    const plan = JSON.parse(one.stdout) as { spec: { roles: Record<string, { description: string }>; groups: object } };
    expect(plan.spec.roles.Auditors!.description).toBe('Stage auditors');
    expect(Object.keys(plan.spec.groups)).toEqual(['Release Crew (stage)']);
    const validate = JSON.parse(
      (await loopback.cli(['--json', 'validate', spec, '--profiles', 'dev,production'])).stdout,
    ) as {
      valid: boolean;
      files: { file: string; profile: string; environment: string }[];
    };
    expect(validate.valid).toBe(true);
    expect(validate.files.map((f) => [f.profile, f.environment])).toEqual([
      ['dev', 'dev'],
      ['production', 'prod'],
    ]);
  });

  it('diff compares the spec with each instance, validate checks each environment offline, audit reads each', async () => {
    const { dev, env, spec } = await threeInstances();
    await loopback.cli(['apply', spec, '--profiles', 'dev', '--yes'], env);
    const diff = await loopback.cli(['diff', '--from', spec, '--profiles', 'dev,stage'], env);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toMatch(/── dev \(sandbox\) ──\nNo differences/);
    expect(diff.stdout).toMatch(/── stage \(stage\) ──\nComparing .*spec\.yaml → stage:/);
    const drift = await loopback.cli(['diff', '--from', spec, '--profiles', 'dev', '--explain-drift'], env);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain('--explain-drift is for one instance');
    const out = await loopback.cli(['plan', spec, '--profiles', 'dev', '--out', 'x.json'], env);
    expect(out.stderr).toContain('--out is for one instance: run plan --profile <name> --out <file> for each');
    const markdown = await loopback.cli(
      ['diff', '--from', spec, '--profiles', 'dev,stage', '--format', 'markdown'],
      env,
    );
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toMatch(
      /^## domo-admin diff · 2 instance\(s\) · exit 2\n\n\| Profile \| Instance \| Exit \| Outcome \|/,
    );
    expect(markdown.stdout).toContain('| dev | `sandbox` | 0 | ✅ no differences |');
    expect(markdown.stdout).toMatch(/\| stage \| `stage` \| 2 \| \d+ difference\(s\) \|/);
    expect(markdown.stdout).toMatch(/### stage \(`stage`\)\n\n```text\nComparing /);
    const audits = await loopback.cli(
      ['audit', '--no-usage', '--profiles', 'dev,nowhere', '--format', 'markdown'],
      env,
    );
    expect(audits.code).toBe(1);
    expect(audits.stdout).toMatch(/^## domo-admin audit · 2 instance\(s\) · exit 1\n/);
    expect(audits.stdout).toMatch(/\| dev \| `sandbox` \| \d \| \d+ finding\(s\)/);
    expect(audits.stdout).toMatch(/### nowhere\n\n> \[!CAUTION\]\n> \*\*DomoInputError\*\*\n> no profile "nowhere"/);
    expect(audits.stdout).toMatch(/### dev \(`sandbox`\)\n\n\d+ finding\(s\):\n\n- \*\*high\*\* /);
    const one = await loopback.cli(['audit', '--no-usage', '--format', 'markdown']);
    expect(one.stdout).toMatch(/^## domo-admin audit · 1 instance\(s\) · exit \d\n/);
    const validate = await loopback.cli(['validate', spec, '--profiles', 'dev,stage,production']);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('✓ ');
    expect((await loopback.cli(['validate', spec, '--profiles', 'qa'])).stderr).toContain(
      'the spec has no environment for profile "qa" (it has: dev, stage, prod)',
    );
    const unknown = await loopback.cli(['plan', spec, '--profiles', 'dev,qa'], { ...env, QA_TOKEN: 'x' });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/── qa ──\n✗ DomoInputError: no profile "qa"/);
    const audit = await loopback.cli(['--json', 'audit', '--no-usage', '--profiles', 'dev,stage'], env);
    const parsed = JSON.parse(audit.stdout) as { instances: { profile: string; instance: string; exitCode: number }[] };
    expect(parsed.instances.map((i) => [i.profile, i.instance])).toEqual([
      ['dev', dev.instance],
      ['stage', 'stage'],
    ]);
    expect(audit.code).toBe(worstExit(parsed.instances.map((i) => i.exitCode)));
    const broken = await loopback.cli(['--json', 'audit', '--no-usage', '--profiles', 'dev,nowhere'], env);
    expect(broken.code).toBe(1);
    expect(
      (JSON.parse(broken.stdout) as { instances: { error: { message: string } | null }[] }).instances[1]!.error!
        .message,
    ).toContain('no profile "nowhere"');
  });
});
