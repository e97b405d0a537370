import 'reflect-metadata';
import { Expose } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { addAppOwners, getApp, getAppAccess, removeAppOwners } from '../../routes/app/core.js';
import type { AppAccessEntry } from '../../routes/app/schemas.js';
import { DomoSharedContent, type OwnerWrites } from '../content.js';
import { callOptions, EpochDate, type CallOptions } from '../entity.js';

export const APP_OWNER_WRITES: OwnerWrites = { kind: 'app', add: addAppOwners, remove: removeAppOwners };

/**
 * An App Studio app (or worksheet): owned by users and groups (several of each). Domo names its id `dataAppId`; here
 * it is `id`. Ownership moves with {@link DomoApp.transferOwnership}, proven by reading the app back.
 *
 * @example
 * ```ts
 * const app = await new DomoApps(auth).get('Sales cockpit');
 * await app.transferOwnership('grace@acme.com', { from: 'ada@acme.com' });
 * ```
 */
export class DomoApp extends DomoSharedContent {
  protected get writes(): OwnerWrites {
    return APP_OWNER_WRITES;
  }

  @Expose() @EpochDate() lastModified?: Date;

  /** Reads one app. @throws {DomoNotFoundError} no such app, or not visible to you */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoApp> {
    return DomoApp.hydrate(auth, (await getApp(auth, id, callOptions(options))).data);
  }

  /** Reads the app again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt((await getApp(this.auth, this.id, callOptions(options))).data);
  }

  /** Who can open it: users and groups with their access level. */
  async getAccess(options: CallOptions = {}): Promise<AppAccessEntry[]> {
    return (await getAppAccess(this.auth, this.id, callOptions(options))).data;
  }
}
