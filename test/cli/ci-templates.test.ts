// The CI templates under examples/ci/: every `domo-admin` command they run (not the CI service: no gh, no curl),
// in their order, against a loopback sandbox — validate and plan (exit 2: changes, which the templates accept), the
// comment written as Markdown, apply of the saved plan, and the nightly drift check exiting 2 once the instance drifts.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli({ users: 20, accounts: 3, riskyTokens: false });
const TEMPLATES = new URL('../../examples/ci/', import.meta.url);

/** One `domo-admin` command of a template: its arguments, where its output goes, and the exit codes it accepts. */
interface Step {
  job: string;
  args: string[];
  out?: string;
  accepts: number[];
}

/** Every shell line of a template, by job (GitHub's `steps[].run`, GitLab's `script`). */
function shellLines(template: Record<string, unknown>): { job: string; line: string }[] {
  const jobs = (template.jobs ?? template) as Record<string, { steps?: { run?: string }[]; script?: string[] }>;
  return Object.entries(jobs).flatMap(([job, spec]) => {
    const runs = [...(spec?.steps ?? []).map((s) => s.run ?? ''), ...(Array.isArray(spec?.script) ? spec.script : [])];
    return runs.flatMap((run) => run.split('\n')).map((line) => ({ job, line: line.trim() }));
  });
}

/** The `npx domo-admin …` steps of a template, in order. */
function steps(template: Record<string, unknown>): Step[] {
  return shellLines(template).flatMap(({ job, line }) => {
    const match = /^npx domo-admin (.+?)(?: > (\S+))?(?: \|\| \[ \$\? -eq 2 \])?$/.exec(line);
    if (!match) return [];
    const args = match[1]!.split(/\s+/);
    const accepts = line.includes('|| [ $? -eq 2 ]') || job === 'drift' ? [0, 2] : [0];
    return [{ job, args, ...(match[2] ? { out: match[2] } : {}), accepts }];
  });
}

describe.each(['github-actions.yml', 'gitlab-ci.yml'])('examples/ci/%s', (name) => {
  it('runs every domo-admin command it names, in order, against a sandbox', async () => {
    const template = parse(await readFile(new URL(name, TEMPLATES), 'utf8')) as Record<string, unknown>;
    const all = steps(template);
    expect(all.map((s) => s.args[0])).toEqual(expect.arrayContaining(['validate', 'plan', 'apply']));
    const dir = await mkdtemp(join(tmpdir(), 'domo-admin-ci-'));
    // The repository's spec: the instance as exported, plus a role the pull request adds.
    const exported = await loopback.cli(['export']);
    await writeFile(
      join(dir, 'governance.yaml'),
      `${exported.stdout.replace('roles:\n', 'roles:\n  CI Reviewers:\n    description: added by the pull request\n    grants: [user.view]\n')}`,
    );
    const local = (arg: string) => (/\.(ya?ml|json|md)$/.test(arg) ? join(dir, arg) : arg);
    for (const job of ['plan', 'apply', 'drift']) {
      if (job === 'drift')
        [...loopback.sandbox().state.roles.values()]
          .find((r) => r.name === 'Finance Editors')!
          .authorities.push('dataset.delete');
      for (const step of all.filter((s) => s.job === job)) {
        const run = await loopback.cli(step.args.map(local));
        expect(step.accepts, `${job}: domo-admin ${step.args.join(' ')} exited ${run.code}: ${run.stderr}`).toContain(
          run.code,
        );
        if (step.out) await writeFile(join(dir, step.out), run.stdout);
      }
    }
    expect(await readFile(join(dir, 'plan.md'), 'utf8')).toMatch(/^### domo-admin plan · `sandbox`/);
    expect([...loopback.sandbox().state.roles.values()].some((r) => r.name === 'CI Reviewers')).toBe(true);
    const drift = await readFile(join(dir, 'drift.md'), 'utf8');
    expect(drift).toContain('role "Finance Editors" grants:');
    expect(drift).toContain('Last changes seen in the activity log');
  });
});
