// Usage in the audit: last activity joined from the log, the usage findings on the default sandbox (each seeded
// case), and a log that cannot be read whole — or at all — making the audit incomplete instead of making people
// look inactive.
import { describe, expect, it } from 'vitest';
import { auditAccess, auditFindings } from '../../src/audit/index.js';
import { SEEDED_INACTIVITY } from '../../src/sandbox/seed-activity.js';
import { contentOwners } from '../../src/sandbox/seed-content.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 40, accounts: 4 });
const DAY = 86_400_000;
const today = () => Math.floor(Date.now() / DAY) * DAY;

describe('usage in the audit', () => {
  it('the default sandbox shows every usage finding, each naming what it counts', async () => {
    const model = await auditAccess(sb.auth);
    expect(model.usage).toMatchObject({ complete: true, days: 180, failedChunks: [] });
    expect(model.requests.activity).toBeGreaterThan(0);
    const found = auditFindings(model);
    const kinds = new Set(found.map((f) => f.kind));
    for (const kind of [
      'inactive-privileged-user',
      'inactive-user',
      'unused-credential',
      'unviewed-content-of-inactive-owner',
    ])
      expect(kinds, kind).toContain(kind);

    const admins = [...sb.state.users.values()].filter((u) => u.roleId === 1 && u.id !== sb.state.adminUserId);
    const privileged = found.find((f) => f.kind === 'inactive-privileged-user')!;
    expect(privileged.subjects.map((s) => s.id)).toContain(admins[2]!.id);
    expect(privileged.message).toContain(
      `last active ${new Date(admins[2]!.lastActivity!).toISOString().slice(0, 10)}`,
    );

    const account = [...sb.state.accounts.values()][0]!;
    const unused = found.find((f) => f.kind === 'unused-credential')!;
    expect(unused.subjects[0]).toMatchObject({ type: 'account', id: account.id });
    const loaded = [...sb.state.datasets.values()].filter((d) => d.accountId === account.id);
    expect(
      unused.subjects
        .filter((s) => s.type === 'dataset')
        .map((s) => s.id)
        .sort(),
    ).toEqual(loaded.map((d) => d.id).sort());
    expect(unused.message).toContain(`none ran in 90 days`);

    const owner = contentOwners(sb.state)[4]!;
    const unviewed = found.find((f) => f.kind === 'unviewed-content-of-inactive-owner')!;
    expect(unviewed.subjects[0]).toMatchObject({ type: 'user', id: owner });
    const viewed = new Set(
      [...sb.state.activity.all()].filter((e) => e.actionType === 'VIEWED').map((e) => e.objectId),
    );
    for (const subject of unviewed.subjects.slice(1)) expect(viewed.has(String(subject.id))).toBe(false);
    expect(SEEDED_INACTIVITY.contentOwner).toBeGreaterThan(90);
  });

  it('joins the log into lastActivity where Domo gives no attribute; a user never seen in a whole log is inactive', async () => {
    const [seen, never] = [...sb.state.users.values()].filter((u) => u.roleId === 4 && !u.deleted && !u.locked);
    const lastLogin = [...sb.state.activity.all()]
      .filter((e) => e.userId === seen!.id)
      .reduce((a, e) => Math.max(a, e.time), 0);
    for (const user of [seen!, never!]) {
      delete user.lastActivity;
      delete user.lastLogin;
    }
    sb.state.activity.remove((e) => e.userId === never!.id);
    const model = await auditAccess(sb.auth);
    expect(model.users.find((u) => u.id === seen!.id)).toMatchObject({ lastActivity: lastLogin, lastSeen: lastLogin });
    expect(model.users.find((u) => u.id === never!.id)).toMatchObject({ lastActivity: null, lastSeen: null });
    const inactive = auditFindings(model).find((f) => f.kind === 'inactive-user')!;
    expect(inactive.subjects.map((s) => s.id)).toContain(never!.id);
    expect(inactive.message).toContain('not seen in the 180 days read');
  });

  it('a chunk of the log that keeps failing makes the audit incomplete, and nobody is judged inactive from the log', async () => {
    const [never] = [...sb.state.users.values()].filter((u) => u.roleId === 4 && !u.deleted && !u.locked);
    delete never!.lastActivity;
    delete never!.lastLogin;
    sb.state.activity.remove((e) => e.userId === never!.id);
    sb.state.activity.faults = {
      failing: [{ day: new Date(today() - 10 * DAY).toISOString().slice(0, 10), objectType: 'USER', times: 1_000 }],
    };
    const model = await auditAccess(sb.authWith({ retry: 0 }), { usage: { chunkDays: 1, days: 30 } });
    expect(model.complete).toBe(false);
    expect(model.gaps.map((g) => g.section)).toContain('activity');
    expect(model.usage?.failedChunks).toEqual([`USER ${new Date(today() - 10 * DAY).toISOString().slice(0, 10)}`]);
    const found = auditFindings(model);
    expect(found[0]!.kind).toBe('audit-incomplete');
    const inactive = found.filter((f) => f.kind === 'inactive-user' || f.kind === 'inactive-privileged-user');
    expect(inactive.flatMap((f) => f.subjects.map((s) => s.id))).not.toContain(never!.id);
    expect(found.some((f) => f.kind === 'unviewed-content-of-inactive-owner')).toBe(false);
  });

  it('a caller who may not read the log gets an incomplete audit saying so', async () => {
    sb.state.roles.get(1)!.authorities = sb.state.roles.get(1)!.authorities.filter((a) => a !== 'admin.audit.view');
    const model = await auditAccess(sb.auth);
    const gap = model.gaps.find((g) => g.section === 'activity');
    expect(gap?.reason).toMatch(/activity log could not be read whole/);
    expect(model.usage?.complete).toBe(false);
  });

  it('usage: false skips the log', async () => {
    const model = await auditAccess(sb.auth, { usage: false });
    expect(model.usage).toBeUndefined();
    expect(sb.sent.some((r) => r.url.pathname.startsWith('/api/audit/'))).toBe(false);
  });
});
