// The activity log family through the public API against the in-process sandbox: the harvest (day chunks, one
// object type per call, pages until an empty one, bounded concurrency, chunks retried, failed chunks reported and
// resumed, early stop), what the API's own changes put in the log, the sandbox's traps, history and last seen.
import { describe, expect, it } from 'vitest';
import {
  DomoAbortError,
  DomoActivityLog,
  DomoForbiddenError,
  DomoInputError,
  DomoRoles,
  type ActivityEvent,
} from '../../src/index.js';
import { getActivityLog } from '../../src/routes/index.js';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 30, accounts: 3 });
const DAY = 86_400_000;
const today = () => Math.floor(Date.now() / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const logCalls = () => sb.sent.filter((r) => r.url.pathname === '/api/audit/v1/user-audits');

describe('DomoActivityLog.events', () => {
  it('harvests the window in UTC day chunks, one object type per call, and gives every event once', async () => {
    const from = today() - 3 * DAY;
    const harvest = new DomoActivityLog(sb.auth).events({ from: iso(from), to: today(), types: ['CARD', 'PAGE'] });
    const { events, result } = await harvest.collect();
    expect(result).toMatchObject({ chunks: 6, complete: true, failed: [] });
    const asked = logCalls().map((r) => Object.fromEntries(r.url.searchParams));
    for (const query of asked) {
      expect(['CARD', 'PAGE']).toContain(query.objectType);
      expect(Number(query.end) - Number(query.start)).toBe(DAY);
      expect(Number(query.start) % DAY).toBe(0);
      expect(Number(query.limit)).toBeLessThanOrEqual(1000);
    }
    expect(new Set(asked.map((q) => `${q.objectType} ${q.start}`)).size).toBe(6);
    const expected = [...sb.state.activity.all()].filter(
      (e) => ['CARD', 'PAGE'].includes(e.objectType) && e.time >= from && e.time < today(),
    );
    expect(events.length).toBe(expected.length);
    expect(events.length).toBeGreaterThan(0);
    const first = events[0] as ActivityEvent;
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['userId', 'actionType', 'objectType', 'objectId', 'time']),
    );
  });

  it('pages until an empty page (a short page is not the end), and keeps at most `concurrency` calls in flight', async () => {
    sb.state.activity.volume = { perDay: 2500, types: ['CARD'] };
    const from = today() - 10 * DAY;
    const harvest = new DomoActivityLog(sb.auth).events({ from, to: today(), types: ['CARD'], concurrency: 3 });
    let events = 0;
    for await (const event of harvest) {
      expect(event.objectType).toBe('CARD');
      events += 1;
    }
    const generated = 10 * 2500;
    expect(events).toBeGreaterThanOrEqual(generated);
    expect(harvest.result?.complete).toBe(true);
    // 2 500 a day: pages of 1 000, 1 000, 500 and then an empty one, per day.
    expect(logCalls().length).toBe(10 * 4);
    expect(sb.state.counters.peakInFlight).toBeLessThanOrEqual(3);
  });

  it('retries a failing chunk, then reports the one that still fails — and a resume reads exactly it', async () => {
    const failing = today() - 2 * DAY;
    sb.state.activity.volume = { perDay: 7, types: ['CARD'] };
    sb.state.activity.faults = { failing: [{ day: iso(failing), objectType: 'CARD', times: 1_000 }] };
    const auth = sb.authWith({ retry: 0 });
    const log = new DomoActivityLog(auth);
    const harvest = log.events({ from: today() - 4 * DAY, to: today(), types: ['CARD'], retries: 2 });
    const { events, result } = await harvest.collect();
    sb.state.activity.faults = {};
    expect(result.complete).toBe(false);
    expect(result.failed).toEqual([
      expect.objectContaining({
        objectType: 'CARD',
        from: failing,
        to: failing + DAY,
        attempts: 3,
        label: `CARD ${iso(failing)}`,
      }),
    ]);
    expect(events.every((e) => e.time < failing || e.time >= failing + DAY)).toBe(true);
    const wanted = (await log.events({ from: failing, to: failing + DAY, types: ['CARD'] }).collect()).events;
    expect(wanted.length).toBeGreaterThanOrEqual(7);

    sb.sent.length = 0;
    const resumed = await log.events({ from: 0, types: ['CARD'], only: result.failed }).collect();
    expect(resumed.result.complete).toBe(true);
    expect(resumed.events.length).toBe(wanted.length);
    expect(logCalls().map((r) => r.url.searchParams.get('start'))).toEqual([String(failing), String(failing)]);
  });

  it('a chunk that fails once is read again and the harvest is complete', async () => {
    const failing = today() - DAY;
    sb.state.activity.faults = { failing: [{ day: iso(failing), times: 1 }] };
    const { result } = await new DomoActivityLog(sb.authWith({ retry: 0 }))
      .events({ from: today() - 2 * DAY, to: today(), types: ['USER'] })
      .collect();
    expect(result).toMatchObject({ complete: true, failed: [] });
  });

  it('keeps only the users asked for, and checks them first', async () => {
    const someone = [...sb.state.activity.all()].find((e) => e.objectType === 'USER')!;
    const { events } = await new DomoActivityLog(sb.auth)
      .events({ from: someone.time - DAY, to: someone.time + 1, types: ['USER'], users: [someone.userId] })
      .collect();
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.userId))).toEqual(new Set([someone.userId]));
    expect(() => new DomoActivityLog(sb.auth).events({ from: 0, types: ['USER'], users: [-1] })).toThrow(
      DomoInputError,
    );
  });

  it('stopping early aborts the calls in flight and waits for them', async () => {
    sb.state.activity.volume = { perDay: 50, types: ['CARD'] };
    const harvest = new DomoActivityLog(sb.auth).events({ from: today() - 30 * DAY, to: today(), types: ['CARD'] });
    for await (const event of harvest) {
      expect(event).toBeDefined();
      break;
    }
    expect(sb.state.counters.inFlight).toBe(0);
    expect(logCalls().length).toBeLessThan(30 * 2);
  });

  it('the caller’s signal stops it with an abort error, never a short harvest that looks complete', async () => {
    sb.state.activity.volume = { perDay: 50, types: ['CARD'] };
    const stop = new AbortController();
    const harvest = new DomoActivityLog(sb.auth).events({
      from: today() - 30 * DAY,
      to: today(),
      types: ['CARD'],
      signal: stop.signal,
    });
    let seen = 0;
    const reading = (async () => {
      for await (const event of harvest) if (event && ++seen === 60) stop.abort();
    })();
    await expect(reading).rejects.toBeInstanceOf(DomoAbortError);
    expect(harvest.result).toBeUndefined();
    expect(sb.state.counters.inFlight).toBe(0);
  });

  it('refuses bad input before sending anything: a comma list, an empty window, no types, a bad date', () => {
    const log = new DomoActivityLog(sb.auth);
    for (const bad of [
      { from: '2026-01-02', to: '2026-01-01', types: ['CARD'] },
      { from: '2026-01-01', types: ['CARD,PAGE'] },
      { from: '2026-01-01', types: [] },
      { from: 'last tuesday', types: ['CARD'] },
      { from: '2026-01-01', types: ['CARD'], concurrency: 0 },
    ])
      expect(() => log.events(bad as never), JSON.stringify(bad)).toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });

  it('stops at once with the error when the caller may not read the log', async () => {
    const user = [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.deleted)!;
    const auth = sb.authWith({ token: sb.state.issueToken(user.id) });
    await expect(
      new DomoActivityLog(auth).events({ from: today() - 5 * DAY, to: today(), types: ['CARD'] }).collect(),
    ).rejects.toBeInstanceOf(DomoForbiddenError);
    expect(logCalls().length).toBeLessThanOrEqual(8);
  });
});

describe('the log records the API’s own changes; history and last seen', () => {
  it('a role changed through the API is in its history, with who and when, newest first', async () => {
    const role = await new DomoRoles(sb.auth).get('Editor');
    await role.update({ description: 'edited for the history test' });
    await role.addGrants(['dataset.export']);
    const { events, result } = await new DomoActivityLog(sb.auth).history('ROLE', role.id, {
      from: today() - 90 * DAY,
    });
    expect(result.complete).toBe(true);
    expect(events[0]).toMatchObject({ objectType: 'ROLE', objectId: String(role.id), userId: sb.state.adminUserId });
    expect(events[0]!.time).toBeGreaterThan(Date.now() - 60_000);
    expect(events.map((e) => e.time)).toEqual([...events.map((e) => e.time)].sort((a, b) => b - a));
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('lastSeen is the latest event of each user in the window (sign-ins)', async () => {
    const { lastSeen, result } = await new DomoActivityLog(sb.auth).lastSeen({ from: today() - 30 * DAY });
    expect(result.complete).toBe(true);
    const recent = [...sb.state.users.values()].filter((u) => (u.lastActivity ?? 0) > today() - 30 * DAY && !u.deleted);
    for (const user of recent) expect(lastSeen.get(user.id), user.displayName).toBe(user.lastActivity);
  });
});

describe('the sandbox log reproduces the traps of domo-api-admin.md §5', () => {
  const window = () => `start=${today() - 30 * DAY}&end=${today()}`;

  it('a comma-separated objectType answers zero rows and no error; one type answers rows', async () => {
    const both = await raw('GET', `/api/audit/v1/user-audits?${window()}&objectType=CARD,PAGE`, {
      token: sb.state.adminToken,
    });
    expect(both.status).toBe(200);
    expect(both.body).toEqual([]);
    const one = await raw('GET', `/api/audit/v1/user-audits?${window()}&objectType=CARD`, {
      token: sb.state.adminToken,
    });
    expect((one.body as unknown[]).length).toBeGreaterThan(0);
    const path = await raw('GET', `/api/audit/v1/user-audits/objectTypes/CARD?${window()}`, {
      token: sb.state.adminToken,
    });
    expect(path.body).toEqual(one.body);
  });

  it('a page above the limit, or a window without start and end, is refused', async () => {
    const big = await raw('GET', `/api/audit/v1/user-audits?${window()}&objectType=CARD&limit=1001`, {
      token: sb.state.adminToken,
    });
    expect(big.status).toBe(400);
    const open = await raw('GET', '/api/audit/v1/user-audits?objectType=CARD', { token: sb.state.adminToken });
    expect(open.status).toBe(400);
  });

  it('the route refuses a comma list and an oversized page itself', async () => {
    await expect(getActivityLog(sb.auth, { start: 0, end: DAY, objectType: 'CARD,PAGE' })).rejects.toBeInstanceOf(
      DomoInputError,
    );
    await expect(
      getActivityLog(sb.auth, { start: 0, end: DAY, objectType: 'CARD', limit: 5000 }),
    ).rejects.toBeInstanceOf(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });

  it('lists its object types', async () => {
    expect(await new DomoActivityLog(sb.auth).objectTypes()).toEqual(
      expect.arrayContaining(['CARD', 'DATA_SOURCE', 'ROLE']),
    );
  });
});
