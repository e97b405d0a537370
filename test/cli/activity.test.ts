// `domo-admin activity export` and `domo-admin history` in-process against a loopback sandbox (no msw in this file):
// the export to .jsonl and .csv (one event a line, the documented columns), a failed chunk saved and read again with
// --resume (appended, no duplicates), never overwriting a file; history of a role changed through the CLI.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_SCHEMAS, listSchema } from '../../src/cli/kinds-schema.js';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli({ users: 20, accounts: 3, riskyTokens: false });
const cli = (...args: string[]) => loopback.cli(args);
const state = () => loopback.sandbox().state;
const DAY = 86_400_000;
const today = () => Math.floor(Date.now() / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const folder = () => mkdtemp(join(tmpdir(), 'domo-admin-activity-'));

describe('domo-admin activity export', () => {
  it('writes one event a line to .jsonl, each of the activityEvent kind; .csv has the same columns', async () => {
    state().activity.volume = { perDay: 24, types: ['CARD'] };
    const dir = await folder();
    const out = join(dir, 'events.jsonl');
    const run = await cli(
      '--json',
      'activity',
      'export',
      '--from',
      iso(today() - 3 * DAY),
      '--to',
      iso(today()),
      '--type',
      'CARD',
      'USER',
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = KIND_SCHEMAS.activityExport.parse(JSON.parse(run.stdout));
    expect(summary).toMatchObject({ chunks: 6, complete: true, failed: [], failedFile: null });
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(summary.events);
    expect(summary.events).toBeGreaterThanOrEqual(3 * 24);
    for (const line of lines) KIND_SCHEMAS.activityEvent.parse(JSON.parse(line));

    const csvOut = join(dir, 'events.csv');
    expect((await cli('activity', 'export', '--from', '3d', '--type', 'CARD', '--out', csvOut)).code).toBe(0);
    const rows = (await readFile(csvOut, 'utf8')).trimEnd().split('\r\n');
    expect(rows[0]).toBe('time,userId,userName,actionType,objectType,objectId,objectName,eventText,additionalComment');
    expect(rows.length).toBeGreaterThan(3 * 24);
  });

  it('saves a chunk that kept failing, exits 3, and --resume appends exactly its events', async () => {
    const failing = today() - 2 * DAY;
    state().activity.volume = { perDay: 10, types: ['CARD'] };
    state().activity.faults = { failing: [{ day: iso(failing), objectType: 'CARD', times: 100 }] };
    const dir = await folder();
    const out = join(dir, 'events.jsonl');
    const first = await cli(
      'activity',
      'export',
      '--from',
      iso(today() - 4 * DAY),
      '--to',
      iso(today()),
      '--type',
      'CARD',
      '--out',
      out,
    );
    expect(first.code).toBe(3);
    expect(first.stderr).toContain(`CARD ${iso(failing)}`);
    expect(first.stderr).toContain('--resume');
    expect(existsSync(`${out}.failed.json`)).toBe(true);
    const before = (await readFile(out, 'utf8')).trimEnd().split('\n').length;

    state().activity.faults = {};
    const again = await cli('activity', 'export', '--out', out, '--resume');
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(`${out}.failed.json`)).toBe(false);
    const events = (await readFile(out, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { time: string });
    expect(events.length).toBe(before + 10);
    expect(new Set(events.map((e) => JSON.stringify(e))).size).toBe(events.length);
    expect(events.filter((e) => e.time.startsWith(iso(failing)))).toHaveLength(10);
  });

  it('never overwrites a file, and refuses an unknown format or a resume with nothing to resume', async () => {
    const dir = await folder();
    const out = join(dir, 'kept.jsonl');
    await writeFile(out, 'precious\n');
    const refused = await cli('activity', 'export', '--from', '2d', '--type', 'CARD', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists');
    expect(await readFile(out, 'utf8')).toBe('precious\n');
    expect((await cli('activity', 'export', '--from', '2d', '--out', join(dir, 'x.txt'))).code).toBe(1);
    const nothing = await cli('activity', 'export', '--out', join(dir, 'none.jsonl'), '--resume');
    expect(nothing.stderr).toContain('nothing to resume');
    expect((await cli('activity', 'export', '--from', 'yesterday-ish', '--out', join(dir, 'y.jsonl'))).code).toBe(2);
  });
});

describe('domo-admin history', () => {
  it('shows who changed a role and when, newest first; --json lists activityEvent', async () => {
    expect((await cli('--yes', 'roles', 'update', 'Editor', '--description', 'changed for history')).code).toBe(0);
    const run = await cli('history', 'role', 'Editor');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/role Editor \(\d+\)/);
    expect(run.stdout).toMatch(/WHEN \(UTC\)\s+WHO\s+ACTION\s+WHAT/);
    expect(run.stdout).toMatch(/\(today\)\s+\S.*UPDATED/);
    const json = listSchema(KIND_SCHEMAS.activityEvent).parse(
      JSON.parse((await cli('--json', 'history', 'role', 'Editor')).stdout),
    );
    expect(json.items[0]).toMatchObject({ objectType: 'ROLE', actionType: 'UPDATED', userId: state().adminUserId });
    expect((await cli('history', 'dashboard', 'x')).code).toBe(2);
  });
});

describe('--explain-drift', () => {
  it('plan and diff name the last change the log shows to each drifted object', async () => {
    const dir = await folder();
    const spec = join(dir, 'spec.yaml');
    const exported = await cli('export');
    expect(exported.code, exported.stderr).toBe(0);
    await writeFile(spec, exported.stdout);
    const role = [...state().roles.values()].find((r) => r.name === 'Finance Editors')!;
    const grant = [...state().authorities.keys()].find(
      (a) => !role.authorities.includes(a) && a.startsWith('dataset.'),
    )!;
    expect((await cli('--yes', 'roles', 'grants', 'add', 'Finance Editors', grant)).code).toBe(0);
    const admin = state().users.get(state().adminUserId)!;
    const plan = await cli('plan', spec, '--explain-drift');
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('Last change seen in the activity log (30 days):');
    expect(plan.stdout).toMatch(
      new RegExp(`role "Finance Editors": last changed .* UTC by ${admin.displayName} \\(UPDATED`),
    );
    const json = JSON.parse((await cli('--json', 'plan', spec, '--explain-drift', '7')).stdout) as {
      drift: { days: number; complete: boolean; explanations: { name: string; last: { userId: number } | null }[] };
    };
    expect(json.drift).toMatchObject({ days: 7, complete: true });
    expect(json.drift.explanations.find((e) => e.name === 'Finance Editors')?.last?.userId).toBe(admin.id);
    const diff = await cli('diff', '--from', spec, '--to', 'instance', '--explain-drift');
    expect(diff.code, diff.stderr).toBe(2);
    expect(diff.stdout).toMatch(/role "Finance Editors": last changed/);
    expect((await cli('plan', spec, '--explain-drift', 'soon')).code).toBe(2);
  });
});
