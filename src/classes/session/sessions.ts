import type { DomoAuth } from '../../auth/base.js';
import { getSessions } from '../../routes/session/core.js';
import { readOwners } from '../owners.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoList, pageOf } from '../list.js';
import { resolveAmongText } from '../names.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { DomoSession } from './session.js';

/**
 * The open sessions of one instance. Domo lists them all at once (every user's; no user filter: filtered here) and
 * never shows a token. Sessions have no names: `get` and `resolve` take their ids.
 *
 * @example
 * ```ts
 * const sessions = new DomoSessions(auth);
 * const ended = await sessions.endFor('ana@acme.com'); // the ids ended, proven by the list
 * ```
 */
export class DomoSessions {
  constructor(readonly auth: DomoAuth) {}

  /** Every open session, each with its user. One page: every session. */
  list(options: CallOptions = {}): DomoList<DomoSession> {
    const call = callOptions(options);
    return DomoList.single(async () => pageOf(await this.#read(call)), 'sessions');
  }

  /** The open sessions of `user` (an id, an email or a `DomoUser`). */
  async ofUser(user: UserRef, options: CallOptions = {}): Promise<DomoSession[]> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [user], { ...call, route: 'DomoSessions.ofUser' });
    return (await this.#read(call)).filter((session) => session.userId === userId);
  }

  /** One session by id. */
  async get(id: string | number, options: CallOptions = {}): Promise<DomoSession> {
    return (await this.resolve([id], options))[0]!;
  }

  /**
   * Sessions by id, in order, from one read of the list.
   * @throws {DomoNotFoundError} listing every unknown id (ended, or never open)
   */
  async resolve(refs: readonly (string | number)[], options: CallOptions = {}): Promise<DomoSession[]> {
    const sessions = await this.#read(callOptions(options));
    return resolveAmongText('session', sessions, refs, undefined, 'DomoSessions.resolve');
  }

  /**
   * Ends every open session of `user` (their tokens stop working), each proven gone by the list.
   * @returns the ids ended
   */
  async endFor(user: UserRef, options: CallOptions = {}): Promise<string[]> {
    const ended: string[] = [];
    for (const session of await this.ofUser(user, options)) if (await session.end(options)) ended.push(session.id);
    return ended;
  }

  async #read(call: CallOptions): Promise<DomoSession[]> {
    const sessions = DomoSession.hydrateMany(this.auth, (await getSessions(this.auth, call)).data);
    const users = await readOwners(this.auth, [...new Set(sessions.map((s) => s.userId))], call);
    for (const session of sessions) session.user = users.get(session.userId);
    return sessions;
  }
}
