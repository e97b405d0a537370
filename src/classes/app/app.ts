import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { addAppOwners, getApp, getAppAccess, removeAppOwners } from '../../routes/app/core.js';
import type { AppAccessEntry } from '../../routes/app/schemas.js';
import type { ChangeReport } from '../change.js';
import { toContentOwners, transferShared, type OwnerWrites, type SharedOwnerInput } from '../content.js';
import type { ContentOwner } from '../dataset/dataset.js';
import { callOptions, DomoEntity, EpochDate, type CallOptions } from '../entity.js';
import type { UserRef } from '../people.js';

const WRITES: OwnerWrites = { kind: 'app', add: addAppOwners, remove: removeAppOwners };

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
export class DomoApp extends DomoEntity {
  @Expose() id!: number;
  @Expose() title!: string;
  /** Its owners, users and groups, as of the last read. */
  @Expose()
  @Transform(({ value }: { value: unknown }) => toContentOwners(value), { toClassOnly: true })
  owners!: ContentOwner[];
  @Expose() @EpochDate() lastModified?: Date;

  /** The title: what a person names an app with. */
  get name(): string {
    return this.title;
  }

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

  /**
   * Makes `to` (a user or `{ type: 'GROUP', id }`) an owner and removes `from` (default: every other owner), then
   * reads the app back: `to` an owner, `from` gone, the title unchanged.
   * @throws {DomoValidationError} the read-back does not show the change
   */
  async transferOwnership(
    to: SharedOwnerInput,
    options: CallOptions & { from?: UserRef } = {},
  ): Promise<ChangeReport<ContentOwner>> {
    return transferShared(this, WRITES, to, options, callOptions(options));
  }

  summary(): string {
    const owners = this.owners.map((o) => o.name ?? `${o.type.toLowerCase()} ${o.id}`).join(', ');
    return `DomoApp #${this.id} ${JSON.stringify(this.title)}${owners ? ` owners ${owners}` : ''}`;
  }
}
