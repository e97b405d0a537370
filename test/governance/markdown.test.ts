// `plan --format markdown` and `--format json`: the pull-request comment against golden files (a whole one, and
// one cut at a small limit), a very long plan kept under GitHub's comment size with a note, and the versioned JSON.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  exportSpec,
  GITHUB_COMMENT_LIMIT,
  PLAN_FORMAT_VERSION,
  planJson,
  planSpec,
  plansJson,
  renderPlanMarkdown,
  renderPlansMarkdown,
  type Plan,
} from '../../src/governance/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 40, accounts: 4, riskyTokens: false });
const GOLDEN = new URL('./golden/', import.meta.url);

/** Compares with a golden file; `UPDATE_GOLDEN=1` writes it instead. */
async function golden(name: string, text: string): Promise<void> {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(file, text);
  }
  expect(text).toBe(await readFile(file, 'utf8'));
}

/**
 * A plan with a change of every section: the instance drifted from its own export (a grant added to a role with
 * members — removing it is destructive —, a role's member moved out, a group's member removed, an account shared).
 */
async function driftedPlan(): Promise<Plan> {
  const spec = await exportSpec(sb.auth);
  const state = sb.state;
  const finance = [...state.roles.values()].find((r) => r.name === 'Finance Editors')!;
  finance.authorities.push('dataset.delete');
  const member = [...state.users.values()].find((u) => u.roleId === finance.id)!;
  member.roleId = 4;
  const group = [...state.groups.values()].find((g) => g.type === 'closed' && g.userIds.length > 2)!;
  group.userIds = group.userIds.slice(1);
  const account = [...state.accounts.values()][1]!;
  account.shares.push({ type: 'GROUP', id: group.id, accessLevel: 'CAN_VIEW' });
  return planSpec(sb.auth, spec);
}

/** A long plan: every Participant moved into "Finance Editors" on the instance, so the spec moves them all back. */
async function movedPlan(): Promise<Plan> {
  const spec = await exportSpec(sb.auth);
  const finance = [...sb.state.roles.values()].find((r) => r.name === 'Finance Editors')!;
  for (const user of sb.state.users.values()) if (!user.deleted && user.roleId === 4) user.roleId = finance.id;
  return planSpec(sb.auth, spec);
}

describe('plan --format markdown', () => {
  it('a summary, destructive changes first, changes grouped by section (golden)', async () => {
    const plan = await driftedPlan();
    expect(plan.destructive).toBe(true);
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toMatch(/^### domo-admin plan · `sandbox`\n\n\*\*Plan: \d+ to create/);
    expect(markdown).toContain('> [!WARNING]');
    for (const section of ['#### Roles', '#### Groups', '#### Accounts']) expect(markdown).toContain(section);
    await golden('plan.md', markdown);
  });

  it('cut at the limit with a note, mid-section, every fence closed (golden)', async () => {
    const cut = renderPlanMarkdown(await movedPlan(), { maxChars: 1_200 });
    expect(cut.length).toBeLessThanOrEqual(1_200);
    expect(cut).toMatch(/> \[!CAUTION\]\n> This comment is cut at 1,200 characters: \d+ more line\(s\)/);
    expect(cut).toContain('#### Roles');
    expect((cut.match(/^```/gm) ?? []).length % 2).toBe(0);
    await golden('plan-truncated.md', cut);
  });

  it('a long section collapses in <details>; a huge plan stays under GitHub’s comment size', async () => {
    const plan = await movedPlan();
    const markdown = renderPlanMarkdown(plan, { collapseOver: 5 });
    expect(markdown).toMatch(/<details><summary><strong>Roles \(\d+ changes?\)<\/strong>: \d+ lines<\/summary>/);
    expect((markdown.match(/<details>/g) ?? []).length).toBe((markdown.match(/<\/details>/g) ?? []).length);
    const huge: Plan = { ...plan, changes: Array.from({ length: 400 }, () => plan.changes).flat() };
    const text = renderPlanMarkdown(huge);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain('This comment is cut at 65,536 characters');
  });

  it('no changes says so in one line', async () => {
    const plan = await planSpec(sb.auth, await exportSpec(sb.auth));
    expect(renderPlanMarkdown(plan)).toBe(
      '### domo-admin plan · `sandbox`\n\n**No changes**: the instance matches the spec.\n',
    );
  });
});

describe('plan --format json', () => {
  it('is versioned, and gives each change its section, kind, destructiveness and text', async () => {
    const plan = await driftedPlan();
    const json = planJson(plan);
    expect(json.formatVersion).toBe(PLAN_FORMAT_VERSION);
    expect(json).toMatchObject({ instance: 'sandbox', destructive: true, summary: plan.summary, selfLockout: null });
    expect(json.changes).toHaveLength(plan.changes.length);
    expect(new Set(json.changes.map((c) => c.section))).toEqual(new Set(['roles', 'groups', 'accounts']));
    const grants = json.changes.find((c) => c.kind === 'set-grants')!;
    expect(grants).toMatchObject({ section: 'roles', destructive: true });
    expect(grants.text).toContain('− dataset.delete');
    expect(Object.keys(json)).not.toContain('before'); // the contract holds no snapshot of the instance
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('plans of several instances (plan --profiles … --format markdown|json)', () => {
  it('a table of outcomes, then each plan within its share of the limit; an instance without a plan shows why', async () => {
    const plan = await driftedPlan();
    const huge = { ...plan, changes: Array.from({ length: 400 }, () => plan.changes).flat() };
    const results = [
      { profile: 'dev', instance: 'sandbox', exitCode: 2, plan: huge },
      { profile: 'stage', instance: 'stage', exitCode: 0, plan: { ...plan, changes: [], destructive: false } },
      {
        profile: 'prod',
        instance: null,
        exitCode: 1,
        error: { name: 'DomoAuthError', message: 'GET x → 401\nsecond | line' },
      },
    ];
    const text = renderPlansMarkdown(results);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toMatch(
      /^## domo-admin plan · 3 instance\(s\)\n\n\| Profile \| Instance \| Outcome \|\n\|---\|---\|---\|\n/,
    );
    expect(text).toContain('| dev | `sandbox` | ');
    expect(text).toContain('⚠️ destructive |');
    expect(text).toContain('| stage | `stage` | ✅ no changes |');
    expect(text).toContain('| prod | — | ❌ DomoAuthError: GET x → 401 |');
    expect(text).toContain('### prod\n\n> [!CAUTION]\n> GET x → 401\n> second \\| line\n');
    // dev's plan was cut within its share, with the note
    expect(text).toMatch(/> This instance's plan is cut at [\d,]+ characters, its share of the comment: \d+ more line/);
    const json = plansJson(results, 1);
    expect(json).toMatchObject({ formatVersion: PLAN_FORMAT_VERSION, exitCode: 1 });
    expect(json.instances.map((i) => [i.profile, i.plan === null, i.error?.name ?? null])).toEqual([
      ['dev', false, null],
      ['stage', false, null],
      ['prod', true, 'DomoAuthError'],
    ]);
  });
});
