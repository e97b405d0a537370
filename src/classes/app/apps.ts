import type { DomoAuth } from '../../auth/base.js';
import { APP_SUMMARY_LIMIT, getAppSummaries } from '../../routes/app/core.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoList, pageOf } from '../list.js';
import { byIdOrName, findOneByName, requireOneByName, resolveAmong, type NamedRef } from '../names.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { DomoApp } from './app.js';

/**
 * The App Studio apps of one instance, from the admin summary (every app; it has no owner filter): by id or title,
 * every one, what a user owns (every row checked on the client), and ownership transfer with a read-back.
 *
 * @example
 * ```ts
 * const apps = new DomoApps(auth);
 * for (const app of await apps.ownedBy('ada@acme.com')) await app.transferOwnership('grace@acme.com', { from: 'ada@acme.com' });
 * ```
 */
export class DomoApps {
  constructor(readonly auth: DomoAuth) {}

  /** One app by id (read directly) or exact title (case-insensitive; a title two share is an error naming both). */
  async get(idOrTitle: number | string, options: CallOptions = {}): Promise<DomoApp> {
    return byIdOrName(
      idOrTitle,
      'DomoApps.get',
      (id) => DomoApp.get(this.auth, id, options),
      (title) => this.getByName(title, options),
    );
  }

  /** Every app, a page of the admin summary at a time. */
  list(options: CallOptions = {}): DomoList<DomoApp> {
    const call = callOptions(options);
    const auth = this.auth;
    return new DomoList<DomoApp>(async function* () {
      for (let skip = 0; ; skip += APP_SUMMARY_LIMIT) {
        const { data } = await getAppSummaries(auth, { skip }, call);
        if (data.length > 0) yield pageOf(DomoApp.hydrateMany(auth, data));
        if (data.length < APP_SUMMARY_LIMIT) return;
      }
    }, 'apps');
  }

  /** The apps `user` owns: every row of the admin summary, kept when its owners include the user. */
  async ownedBy(user: UserRef, options: CallOptions = {}): Promise<DomoApp[]> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [user], { ...call, route: 'DomoApps.ownedBy' });
    const apps = await this.list(call).toArray({ max: 1_000_000 });
    return apps.filter((app) => app.owners.some((o) => o.type === 'USER' && o.id === userId));
  }

  /** The app titled exactly `title` (case-insensitive); `undefined` when none. */
  async findByName(title: string, options: CallOptions = {}): Promise<DomoApp | undefined> {
    return findOneByName('app', await this.list(options).toArray({ max: 1_000_000 }), title, [(a) => a.title]);
  }

  /** Like {@link DomoApps.findByName}; none is a `DomoNotFoundError` naming the close ones. */
  async getByName(title: string, options: CallOptions = {}): Promise<DomoApp> {
    const apps = await this.list(options).toArray({ max: 1_000_000 });
    return requireOneByName('app', apps, title, [(a) => a.title], 'DomoApps.getByName');
  }

  /** Apps by id or exact title, in order, over one read of the list; every unknown one reported at once. */
  async resolve(refs: readonly NamedRef[], options: CallOptions = {}): Promise<DomoApp[]> {
    const apps = await this.list(options).toArray({ max: 1_000_000 });
    return resolveAmong('app', apps, refs, [(a) => a.title], 'DomoApps.resolve');
  }
}
