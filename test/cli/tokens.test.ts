// `domo-admin tokens` in-process against a loopback sandbox (no msw in this file): list and show (owner, expiry in
// days, never a value), create (the value alone on standard output, once), revoke from a reviewed plan — shown,
// refused without consent, saved, applied only while it holds — and no token value anywhere else.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_SCHEMAS, listSchema } from '../../src/cli/kinds-schema.js';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli({ users: 20, accounts: 3, riskyTokens: false });
const cli = (...args: string[]) => loopback.cli(args);
const state = () => loopback.sandbox().state;
const live = () => [...state().users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state().adminUserId);
const values = () => [...state().accessTokens.values()].map((t) => t.value);

describe('domo-admin tokens', () => {
  it('list and show: owner, expiry as a date and in days, the --json kind; never a value', async () => {
    const owner = live()[0]!;
    state().issueToken(owner.id, { name: 'etl nightly', expires: Date.now() + 10.2 * 86_400_000 });
    const table = await cli('tokens', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+NAME\s+OWNER\s+EXPIRES/);
    expect(table.stdout).toMatch(
      new RegExp(
        `etl nightly\\s+${owner.emailAddress.replace('.', '\\.')}\\s+\\d{4}-\\d\\d-\\d\\d \\(in 10 day\\(s\\)\\)`,
      ),
    );
    const json = listSchema(KIND_SCHEMAS.accessToken).parse(JSON.parse((await cli('--json', 'tokens', 'list')).stdout));
    expect(json.items).toHaveLength(state().accessTokens.size);
    const soon = JSON.parse((await cli('--json', 'tokens', 'list', '--expiring-within', '14')).stdout) as {
      items: { name: string; expiresInDays: number }[];
    };
    expect(soon.items.map((t) => t.name)).toEqual(['etl nightly']);
    const show = await cli('tokens', 'show', 'ETL NIGHTLY');
    expect(show.stdout).toContain(`owner:   ${owner.emailAddress}`);
    for (const out of [table, show]) for (const value of values()) expect(out.stdout + out.stderr).not.toContain(value);
  });

  it('create: the value alone on standard output, once; in --json as `value`; it works', async () => {
    const owner = live()[1]!;
    const made = await cli('tokens', 'create', 'ci', '--owner', owner.emailAddress, '--days', '30');
    expect(made.code).toBe(0);
    const value = made.stdout.trim();
    expect(values()).toContain(value);
    expect(made.stderr).toContain('shown this once');
    expect(made.stderr).not.toContain(value);
    const whoami = await loopback.cli(['--json', 'whoami'], { DOMO_ACCESS_TOKEN: value });
    expect((JSON.parse(whoami.stdout) as { id: number }).id).toBe(owner.id);
    const json = KIND_SCHEMAS.newAccessToken.parse(
      JSON.parse((await cli('--json', 'tokens', 'create', 'ci 2', '--owner', String(owner.id), '--days', '7')).stdout),
    );
    expect(values()).toContain(json.value);
    expect(json.token.expiresInDays).toBe(7);
    const bad = await cli('tokens', 'create', 'x', '--owner', owner.emailAddress, '--days', '0');
    expect(bad.code).toBe(2);
  });

  it('revoke: a plan shown and refused without consent, then done; the tokens stop working', async () => {
    const [a, b] = live();
    const expired = state().issueToken(a!.id, { name: 'stale', expires: Date.now() - 1000 });
    const keep = state().issueToken(b!.id, { name: 'keep' });
    const refused = await cli('tokens', 'revoke', '--expired');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/revoke 1 access token\(s\)[\s\S]*− token \d+ "stale" of .*: expired/);
    expect(values()).toContain(expired);
    const done = await cli('--yes', 'tokens', 'revoke', '--expired');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/✓ revoked 1 token\(s\)/);
    expect(values()).not.toContain(expired);
    expect(values()).toContain(keep);
    expect((await cli('--yes', 'tokens', 'revoke', '--expired')).stdout).toContain('nothing revoked');
    expect((await cli('tokens', 'revoke')).code).toBe(2);
    expect((await cli('--yes', 'tokens', 'revoke', 'no such token')).code).toBe(1);
  });

  it('revoke --out saves the plan (no values in it); --plan applies it, or refuses it once it no longer holds', async () => {
    const owner = live()[2]!;
    state().issueToken(owner.id, { name: 'one' });
    state().issueToken(owner.id, { name: 'two' });
    const dir = await mkdtemp(join(tmpdir(), 'tokens-plan-'));
    const file = join(dir, 'revoke.json');
    const saved = await cli('tokens', 'revoke', '--owner', owner.emailAddress, '--out', file);
    expect(saved.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'domo-admin-token-revocation-plan', plan: { tokens: [{}, {}] } });
    for (const value of values()) expect(text).not.toContain(value);
    state().issueToken(owner.id, { name: 'three' }); // the selection names one more token now
    const stale = await cli('--yes', 'tokens', 'revoke', '--plan', file);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/no longer holds: token \d+ "three" is selected now; nothing was revoked/);
    expect([...state().accessTokens.values()].filter((t) => t.ownerId === owner.id)).toHaveLength(3);
    await cli('tokens', 'revoke', '--owner', owner.emailAddress, '--out', file);
    const applied = await cli('--yes', 'tokens', 'revoke', '--plan', file);
    expect(applied.code).toBe(0);
    expect([...state().accessTokens.values()].filter((t) => t.ownerId === owner.id)).toHaveLength(0);
  });
});

describe('domo-admin tokens rotate', () => {
  it('--dry-run shows the four steps and changes nothing; with --yes it rotates into the account', async () => {
    const account = [...state().accounts.values()].find((a) => a.dataProviderType === 'domo-access-token')!;
    const oldValue = account.config.domoAccessToken as string;
    const record = state().accessTokenOf(oldValue)!;
    const dry = await cli('--dry-run', 'tokens', 'rotate', String(record.id), '--store-in', account.displayName);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /\+ create token .*\n.*~ write it into account .*\n.*= prove it works.*\n.*− revoke token/,
    );
    expect(state().accessTokens.has(record.id)).toBe(true);
    const refused = await cli('tokens', 'rotate', String(record.id), '--store-in', String(account.id));
    expect(refused.code).toBe(1);
    const done = await cli('--yes', '--json', 'tokens', 'rotate', String(record.id), '--store-in', String(account.id));
    expect(done.code).toBe(0);
    const json = KIND_SCHEMAS.newAccessToken.parse(JSON.parse(done.stdout));
    expect(json.value).toBeNull();
    expect(json.storedIn).toMatchObject({ id: account.id, field: 'domoAccessToken' });
    expect(state().accessTokens.has(record.id)).toBe(false);
    const newValue = state().accounts.get(account.id)!.config.domoAccessToken as string;
    expect(newValue).not.toBe(oldValue);
    for (const out of [dry, refused, done]) {
      expect(out.stdout + out.stderr).not.toContain(newValue);
      expect(out.stdout + out.stderr).not.toContain(oldValue);
    }
  });
});

describe('domo-admin offboard and access tokens', () => {
  it("--keep-tokens-for re-issues the leaver's tokens: values on standard output once, nowhere else", async () => {
    const [leaver, heir, keeper] = live();
    const old = state().issueToken(leaver!.id, { name: 'nightly' });
    const run = await cli(
      '--yes',
      'offboard',
      leaver!.emailAddress,
      '--to',
      heir!.emailAddress,
      '--keep-tokens-for',
      keeper!.emailAddress,
    );
    expect(run.code).toBe(0);
    const fresh = [...state().accessTokens.values()].find((t) => t.ownerId === keeper!.id && t.name === 'nightly')!;
    expect(fresh).toBeDefined();
    expect(run.stdout).toContain(`"nightly" for ${keeper!.emailAddress}: ${fresh.value}`);
    expect(run.stdout.split(fresh.value).length).toBe(2); // once
    expect(run.stderr).not.toContain(fresh.value);
    expect(state().accessTokenOf(old)).toBeUndefined();
    const snapshots = join(loopback.dir(), 'snapshots');
    for (const file of await readdir(snapshots)) {
      const text = await readFile(join(snapshots, file), 'utf8');
      expect(text).not.toContain(fresh.value);
      expect(text).not.toContain(old);
    }
    const bad = await cli(
      'offboard',
      leaver!.emailAddress,
      '--to',
      heir!.emailAddress,
      '--keep-tokens-for',
      'x@y.z',
      '--leave-tokens',
    );
    expect(bad.code).not.toBe(0);
  });

  it('a user offboarded with --leave-tokens: the audit finds the tokens they still own', async () => {
    const [leaver, heir] = live();
    state().issueToken(leaver!.id, { name: 'left on purpose' });
    const dataset = [...state().datasets.values()][0]!; // something to hand over: the offboarding leaves a snapshot
    dataset.ownerId = dataset.indexedOwnerId = leaver!.id;
    const run = await cli('--yes', 'offboard', leaver!.emailAddress, '--to', heir!.emailAddress, '--leave-tokens');
    expect(run.code).toBe(0);
    const audit = JSON.parse((await cli('--json', 'audit', '--allow-incomplete')).stdout) as {
      findings: { kind: string; message: string }[];
    };
    const found = audit.findings.filter((f) => f.kind === 'token-owner-offboarded');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('"left on purpose"');
    const quiet = JSON.parse(
      (await cli('--json', 'audit', '--expiring-within', '0', '--token-max-lifetime', '4000')).stdout,
    ) as {
      findings: { kind: string }[];
    };
    expect(quiet.findings.map((f) => f.kind)).not.toContain('token-lifetime-too-long');
    expect(quiet.findings.map((f) => f.kind)).not.toContain('token-expiring');
  });
});

describe('domo-admin api-clients', () => {
  it('list, show and revoke (confirmed); the --json kind', async () => {
    const admin = state().adminUserId;
    const list = listSchema(KIND_SCHEMAS.apiClient).parse(
      JSON.parse((await cli('--json', 'api-clients', 'list')).stdout),
    );
    expect(list.items.map((c) => c.name)).toContain('warehouse sync');
    expect(list.items.find((c) => c.name === 'warehouse sync')!.owner?.id).toBe(admin);
    const show = await cli('api-clients', 'show', 'warehouse sync');
    expect(show.stdout).toMatch(/scopes:\s+data, audit/);
    const refused = await cli('api-clients', 'revoke', 'warehouse sync');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/− API client \d+ "warehouse sync"/);
    const done = await cli('--yes', 'api-clients', 'revoke', 'warehouse sync');
    expect(done.code).toBe(0);
    expect([...state().apiClients.values()].some((c) => c.name === 'warehouse sync')).toBe(false);
  });
});

describe('domo-admin sessions', () => {
  it('list --user, end --user (confirmed): the sessions end; the --json kind', async () => {
    const [ana] = live();
    const token = state().openSession(ana!.id);
    const list = listSchema(KIND_SCHEMAS.session).parse(
      JSON.parse((await cli('--json', 'sessions', 'list', '--user', ana!.emailAddress)).stdout),
    );
    expect(list.items.length).toBeGreaterThanOrEqual(1);
    expect(list.items.every((s) => s.user.id === ana!.id)).toBe(true);
    const refused = await cli('sessions', 'end', '--user', ana!.emailAddress);
    expect(refused.code).toBe(1);
    expect(state().sessions.has(token)).toBe(true);
    const done = await cli('--yes', 'sessions', 'end', '--user', ana!.emailAddress);
    expect(done.code).toBe(0);
    expect(state().sessions.has(token)).toBe(false);
    expect((await cli('sessions', 'end')).code).toBe(2);
  });
});

describe('domo-admin tokens rotate --expiring-within', () => {
  it('rotates each token due into the one account that certainly holds it; the rest listed with why', async () => {
    const [owner] = live();
    const value = state().issueToken(owner!.id, { name: 'etl due', expires: Date.now() + 5 * 86_400_000 });
    const template = [...state().accounts.values()].find((a) => a.dataProviderType === 'domo-access-token')!;
    const id = state().nextAccountId++;
    state().accounts.set(id, {
      ...template,
      id,
      name: 'etl credentials',
      displayName: 'etl credentials',
      config: { ...template.config, domoAccessToken: value },
      shares: [...template.shares],
    });
    state().issueToken(state().adminUserId, { name: 'admin due', expires: Date.now() + 3 * 86_400_000 });
    const dry = await cli('--dry-run', 'tokens', 'rotate', '--expiring-within', '14');
    expect(dry.stdout).toMatch(/~ token \d+ "etl due" → a new one, into account "etl credentials"/);
    expect(dry.stdout).toMatch(/token \d+ "admin due" left: cannot tell which account holds it/);
    expect(state().accessTokenOf(value)).toBeDefined();
    const done = await cli('--yes', 'tokens', 'rotate', '--expiring-within', '14');
    expect(done.code).toBe(0);
    expect(state().accessTokenOf(value)).toBeUndefined();
    const now = state().accounts.get(id)!.config.domoAccessToken as string;
    expect(state().accessTokenOf(now)!.ownerId).toBe(owner!.id);
    expect(done.stdout + done.stderr).not.toContain(now);
    expect((await cli('tokens', 'rotate', 'x', '--expiring-within', '3')).code).toBe(2);
  });
});
