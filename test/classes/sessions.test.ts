// The session family through the public API against the in-process sandbox: the list (every user's, users read
// once, never a token), one user's, ending one or all of a user's (their tokens stop working), proven by the list.
import { describe, expect, it } from 'vitest';
import { DomoNotFoundError, DomoSession, DomoSessions } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 20, accounts: 3 });
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

describe('DomoSessions', () => {
  it('lists every open session with its user, never a token; one user’s; get by id', async () => {
    const [ana] = live();
    const token = sb.state.openSession(ana!.id);
    const sessions = new DomoSessions(sb.auth);
    const all = await sessions.list();
    expect(all.length).toBe(sb.state.sessionRecords.size);
    expect(JSON.stringify(all)).not.toContain(token);
    const hers = await sessions.ofUser(ana!.emailAddress);
    expect(hers.map((s) => s.userId)).toEqual(hers.map(() => ana!.id));
    expect(hers[0]).toBeInstanceOf(DomoSession);
    expect(hers[0]!.user?.email).toBe(ana!.emailAddress);
    expect((await sessions.get(hers[0]!.id)).id).toBe(hers[0]!.id);
    await expect(sessions.get('no-such-session')).rejects.toBeInstanceOf(DomoNotFoundError);
  });

  it('endFor ends every session of a user, proven by the list; their session tokens stop working', async () => {
    const [, bob] = live();
    const tokens = [sb.state.openSession(bob!.id), sb.state.openSession(bob!.id)];
    const ended = await new DomoSessions(sb.auth).endFor(bob!.id);
    expect(ended.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(sb.state.sessions.has(token)).toBe(false);
    expect(await new DomoSessions(sb.auth).ofUser(bob!.id)).toEqual([]);
  });
});
