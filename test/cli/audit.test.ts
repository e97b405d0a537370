// audit, who-can, access and offboard through the in-process CLI against a loopback sandbox.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli();
const cli = (...args: string[]) => loopback.cli(args);
const state = () => loopback.sandbox().state;
const people = () => [...state().users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state().adminUserId);

describe('domo-admin audit', () => {
  it('prints counts and findings; --html and --csv write the reports; --json has the model and findings', async () => {
    const text = await cli('audit');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^sandbox: \d+ users, 8 roles, 12 groups, 12 accounts, 3 OAuth templates \(\d+ requests\)/,
    );
    expect(text.stdout).toContain('[high] the default role "Privileged" gives every new user');
    const html = join(loopback.dir(), 'report.html');
    const csv = join(loopback.dir(), 'csv');
    const written = await cli('audit', '--html', html, '--csv', csv);
    expect(written.stdout).toContain(`wrote ${html}`);
    expect(await readFile(html, 'utf8')).toContain('<table class="heatmap">');
    expect((await readdir(csv)).sort()).toEqual([
      'access.csv',
      'findings.csv',
      'groups.csv',
      'orphaned.csv',
      'owners.csv',
      'roles.csv',
      'tokens.csv',
      'users.csv',
    ]);
    // The seeded risky tokens: each token finding, in the text, the HTML (inline) and the CSV; never a value.
    expect(text.stdout).toMatch(/access token "warehouse loader" \(#\d+\) of .* expires in 9 day\(s\)/);
    const report = await readFile(html, 'utf8');
    expect(report).toMatch(/<section id="tokens"><h2>Access tokens \(\d+\) <button[^>]*data-table="token-table"/);
    expect(report).toMatch(
      /warehouse loader<\/td><td>[^<]+<\/td><td data-value="9">\d{4}-\d\d-\d\d \(in 9 day\(s\)\)<\/td><td><span class="finding medium" data-kind="token-expiring">/,
    );
    const tokensCsv = await readFile(join(csv, 'tokens.csv'), 'utf8');
    expect(tokensCsv.split('\r\n')[0]).toBe('token_id,name,owner_id,owner,owner_deleted,owner_active,expires_at');
    for (const record of state().accessTokens.values()) {
      expect(tokensCsv + report + text.stdout).not.toContain(record.value);
      expect(tokensCsv).toContain(record.name);
    }
    const users = (await readFile(join(csv, 'users.csv'), 'utf8')).split('\r\n');
    expect(users[0]).toBe('user_id,name,email,role,deleted,active,last_activity');
    expect(users.filter(Boolean)).toHaveLength(state().users.size + 1);
    const json = JSON.parse((await cli('--json', 'audit')).stdout) as {
      model: { counts: { roles: number } };
      findings: { kind: string }[];
    };
    expect(json.model.counts.roles).toBe(8);
    expect(json.findings.map((f) => f.kind)).toContain('default-role-too-powerful');
    for (const kind of [
      'token-owner-deleted',
      'token-owner-inactive',
      'token-expired',
      'token-expiring',
      'token-lifetime-too-long',
    ])
      expect(json.findings.map((f) => f.kind)).toContain(kind);
  });

  it('who-can lists holders and their role; an unknown grant is an error with suggestions', async () => {
    const json = JSON.parse((await cli('--json', 'who-can', 'role.manage')).stdout) as { items: { role: string }[] };
    expect(new Set(json.items.map((i) => i.role))).toEqual(new Set(['Admin', 'Privileged Admin']));
    const bad = await cli('who-can', 'role.manag');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('did you mean role.manage');
  });

  it('access shows a user’s role, grants, groups and credentials with the route to each', async () => {
    const account = state().accounts.get(3)!;
    const viaGroup = account.shares.find((s) => s.type === 'GROUP')!;
    const member = state()
      .groups.get(viaGroup.id)!
      .userIds.find(
        (id) => id !== state().adminUserId && !account.shares.some((s) => s.type === 'USER' && s.id === id),
      )!;
    const email = state().users.get(member)!.emailAddress;
    const run = await cli('access', email);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`<${email}>`);
    expect(run.stdout).toMatch(
      new RegExp(`account\\s+3\\s+${account.displayName}\\s+${viaGroup.accessLevel}\\s+group `),
    );
  });
});

describe('domo-admin offboard', () => {
  it('--dry-run prints the full plan and changes nothing; then it hands over and deletes', async () => {
    const [leaver, next] = people();
    const account = state().accounts.get(4)!;
    account.shares = [{ type: 'USER', id: leaver!.id, accessLevel: 'OWNER' }];
    const dry = await cli('--dry-run', 'offboard', leaver!.emailAddress, '--to', next!.emailAddress, '--delete-user');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was changed. Would, in order');
    expect(dry.stdout).toContain(`1. account #4 "${account.displayName}": ${next!.emailAddress} becomes OWNER`);
    expect(dry.stdout).toContain(`2. delete user #${leaver!.id}`);
    expect(state().accounts.get(4)!.shares).toEqual([{ type: 'USER', id: leaver!.id, accessLevel: 'OWNER' }]);
    const done = await cli('--yes', 'offboard', leaver!.emailAddress, '--to', next!.emailAddress, '--delete-user');
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('[1/2] account #4');
    expect(done.stdout).toContain('✓ 2 step(s) done');
    expect(state().users.get(leaver!.id)!.deleted).toBe(true);
    const refused = await cli('--yes', 'offboard', next!.emailAddress, '--to', 'locked@sandbox.example');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is inactive');
  });
  it('hands datasets to --fallback-to when --to is a group (refused without it, nothing changed)', async () => {
    const owned = [...state().datasets.values()].filter((d) => d.ownerId !== state().adminUserId);
    const leaverId = owned[0]!.ownerId;
    const mine = owned.filter((d) => d.ownerId === leaverId);
    const email = state().users.get(leaverId)!.emailAddress;
    const fallback = [...state().users.values()].find(
      (u) => !u.deleted && !u.locked && u.id !== leaverId && u.roleId === 4,
    )!;
    const refused = await cli('--yes', 'offboard', email, '--to', 'group:Finance');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('only a user can own a dataset');
    expect(mine.every((d) => state().datasets.get(d.id)!.ownerId === leaverId)).toBe(true);
    const dry = await cli(
      '--dry-run',
      'offboard',
      email,
      '--to',
      'group:Finance',
      '--fallback-to',
      fallback.emailAddress,
    );
    expect(dry.stdout).toContain(`${mine.length} dataset(s)`);
    expect(dry.stdout).toContain(`what a group cannot own (datasets, dataflows, …) to ${fallback.emailAddress}`);
    const done = await cli('--yes', 'offboard', email, '--to', 'group:Finance', '--fallback-to', fallback.emailAddress);
    expect(done.code, done.stderr).toBe(0);
    expect(mine.every((d) => state().datasets.get(d.id)!.ownerId === fallback.id)).toBe(true);
  });

  it('--out saves the plan and changes nothing; --plan applies it, refused when it no longer holds', async () => {
    const [leaver, next, other] = people();
    const file = join(mkdtempSync(join(tmpdir(), 'offboard-')), 'plan.json');
    state().accounts.get(4)!.shares = [{ type: 'USER', id: leaver!.id, accessLevel: 'OWNER' }];
    const saved = await cli('offboard', leaver!.emailAddress, '--to', next!.emailAddress, '--out', file);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`Saved to ${file}`);
    expect(state().accounts.get(4)!.shares).toEqual([{ type: 'USER', id: leaver!.id, accessLevel: 'OWNER' }]);
    // Something more is owned since: the saved plan no longer holds, and nothing is changed.
    state().accounts.get(5)!.shares.push({ type: 'USER', id: leaver!.id, accessLevel: 'OWNER' });
    const stale = await cli('--yes', 'offboard', '--plan', file);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('1 more account(s) owned now (5)');
    expect(state().accounts.get(4)!.shares).toEqual([{ type: 'USER', id: leaver!.id, accessLevel: 'OWNER' }]);
    state().accounts.get(5)!.shares.pop();
    const applied = await cli('--yes', 'offboard', '--plan', file);
    expect(applied.code, applied.stderr).toBe(0);
    expect(state().accounts.get(4)!.shares).toEqual([{ type: 'USER', id: next!.id, accessLevel: 'OWNER' }]);
    expect((await cli('offboard', '--plan', file, '--to', other!.emailAddress)).code).toBe(2);
    expect((await cli('offboard', leaver!.emailAddress)).code).toBe(2);
  });
});

describe('domo-admin restore <offboarding snapshot>', () => {
  it('offboard writes the way back; restore previews it, then hands everything back', async () => {
    const [leaver, next] = people();
    const account = state().accounts.get(4)!;
    account.shares = [
      { type: 'USER', id: leaver!.id, accessLevel: 'OWNER' },
      { type: 'USER', id: next!.id, accessLevel: 'CAN_VIEW' },
    ];
    const before = structuredClone(account.shares);
    const done = await cli('--yes', 'offboard', leaver!.emailAddress, '--to', next!.emailAddress);
    expect(done.code, done.stderr).toBe(0);
    const file = /the way back is in (\S+) \(undo: domo-admin restore \1\)/.exec(done.stderr)?.[1];
    expect(file, done.stderr).toBeDefined();
    expect(state().accounts.get(4)!.shares).toEqual([{ type: 'USER', id: next!.id, accessLevel: 'OWNER' }]);
    const dry = await cli('--dry-run', 'restore', file!);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      `1. account #4 "${account.displayName}": ${leaver!.emailAddress} an owner again, ${next!.emailAddress} back to CAN_VIEW`,
    );
    expect((await cli('restore', file!)).code).toBe(1); // not a terminal and no --yes: nothing changed
    expect(state().accounts.get(4)!.shares).toEqual([{ type: 'USER', id: next!.id, accessLevel: 'OWNER' }]);
    const restored = await cli('--yes', 'restore', file!);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`has back what the offboarding moved`);
    const sorted = (list: typeof before) => [...list].sort((a, b) => a.id - b.id);
    expect(sorted(state().accounts.get(4)!.shares)).toEqual(sorted(before));
    const again = await cli('--yes', 'restore', file!);
    expect(again.stdout).toContain('nothing to hand back');
    expect(again.stdout).toContain('already back');
  });
});

describe('domo-admin owned', () => {
  it('counts by type with how complete each discovery is; --json is owned(); --csv lists every thing', async () => {
    const datasetOwner = [...state().datasets.values()].find((d) => d.ownerId !== state().adminUserId)!.ownerId;
    const email = state().users.get(datasetOwner)!.emailAddress;
    const mine = [...state().datasets.values()].filter((d) => d.ownerId === datasetOwner);
    const human = await cli('owned', email);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`datasets\\s+${mine.length}\\s+exhaustive`));
    // Every type offboarding moves has its row.
    for (const type of ['dataflows', 'beast modes', 'AppDB collections', 'alerts', 'workflows', 'App Studio apps'])
      expect(human.stdout, type).toMatch(new RegExp(`${type}\\s+\\d+\\s+exhaustive`));
    const json = JSON.parse((await cli('--json', 'owned', email)).stdout) as {
      datasets: { id: string }[];
      discovery: Record<string, { exhaustive: boolean }>;
    };
    expect(json.datasets.map((d) => d.id).sort()).toEqual(mine.map((d) => d.id).sort());
    // Every type is seen whole but scheduled reports, which Domo's API lists only page by page (no exit 3 for that).
    const limited = Object.entries(json.discovery).filter(([, d]) => !d.exhaustive);
    expect(limited.map(([type]) => type)).toEqual(['reportSchedules']);
    expect(human.stderr).toContain("! as far as Domo's API lists them: scheduled reports");
    const rows = (await cli('owned', email, '--csv')).stdout.trim().split('\r\n');
    expect(rows[0]).toBe('type,id,name');
    expect(rows.filter((r) => r.startsWith('dataset,'))).toHaveLength(mine.length);
  });

  it('exits 3 when the caller cannot see every account (their role lacks datasource.account.manage.all)', async () => {
    const admin = state().users.get(state().adminUserId)!;
    const role = state().roles.get(admin.roleId)!;
    role.authorities = role.authorities.filter((a) => a !== 'datasource.account.manage.all');
    const run = await cli('owned', admin.emailAddress);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('lacks datasource.account.manage.all');
    expect((await cli('owned', admin.emailAddress, '--allow-incomplete')).code).toBe(0);
  });
});
