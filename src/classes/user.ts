import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../auth/base.js';
import { checkId } from '../client/input.js';
import { deleteUser, getUserDetails, updateUser, type UserChanges } from '../routes/user/core.js';
import { callOptions, DomoEntity, EpochDate, type CallOptions } from './entity.js';

const DELETED_EMAIL = /_deleted_\d+$/;

/**
 * A user of the instance. Every method that takes a user elsewhere (role membership, sharing, groups) accepts a
 * `DomoUser`, its id or its email.
 *
 * @example
 * ```ts
 * const ada = await new DomoUsers(auth).getByEmail('ada@acme.com');
 * await ada.update({ title: 'Staff Analyst' });
 * await ada.setRole(4);
 * ```
 */
export class DomoUser extends DomoEntity {
  @Expose() id!: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  displayName!: string;
  /** The email address (Domo's `emailAddress`); deleted users have one ending in `_deleted_<epoch>`. */
  @Expose({ name: 'emailAddress' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  email!: string;
  @Expose() roleId?: number;
  @Expose() title?: string | null;
  @Expose() department?: string | null;
  @Expose() phoneNumber?: string | null;
  @Expose() employeeId?: string | null;
  @Expose() @EpochDate() hireDate?: Date;
  @Expose() @EpochDate() lastActivity?: Date;
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;
  /** From the v3 details read; `undefined` when not read. */
  @Expose() active?: boolean | null;

  /** True for a deleted user (Domo keeps them, with an email ending in `_deleted_<epoch>`). */
  get isDeleted(): boolean {
    return DELETED_EMAIL.test(this.email);
  }

  /** Reads one user with its details. @throws {DomoNotFoundError} no such user */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoUser> {
    return DomoUser.hydrate(auth, (await getUserDetails(auth, id, callOptions(options))).data);
  }

  /** Reads the user again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt((await getUserDetails(this.auth, this.id, callOptions(options))).data);
  }

  /**
   * Changes fields with patch semantics: `undefined` leaves a field as it is, `null` clears it. Sends nothing when
   * nothing differs from what this object holds. The answer is re-read, not assumed.
   */
  async update(changes: UserChanges, options: CallOptions = {}): Promise<this> {
    const differing = Object.fromEntries(
      Object.entries(changes ?? {}).filter(([key, value]) => value !== undefined && !this.#holds(key, value)),
    ) as UserChanges;
    if (Object.keys(differing).length === 0 && Object.keys(changes ?? {}).length > 0) return this;
    await updateUser(this.auth, this.id, differing, callOptions(options));
    return this.refresh(options);
  }

  /** The role this user holds (a user holds exactly one). */
  async role(options: CallOptions = {}): Promise<import('./role.js').DomoRole> {
    const { DomoRole } = await import('./role.js');
    return DomoRole.get(this.auth, checkId(this.roleId, 'roleId', 'DomoUser.role'), options);
  }

  /** Moves the user to another role (by id or `DomoRole`). */
  async setRole(role: number | { id: number }, options: CallOptions = {}): Promise<this> {
    return this.update({ roleId: checkId(typeof role === 'number' ? role : role?.id, 'role', 'setRole') }, options);
  }

  /** Deletes the user. Domo keeps the record, with a `_deleted_<epoch>` email. */
  async delete(options: CallOptions = {}): Promise<void> {
    await deleteUser(this.auth, this.id, callOptions(options));
  }

  summary(): string {
    return `DomoUser #${this.id} ${JSON.stringify(this.displayName)} <${this.email}>${this.isDeleted ? ' (deleted)' : ''}`;
  }

  #holds(key: string, value: unknown): boolean {
    const field = key === 'emailAddress' ? 'email' : key;
    const current = (this as unknown as Record<string, unknown>)[field];
    if (current instanceof Date) return typeof value === 'number' && current.getTime() === value;
    return (current ?? null) === value;
  }
}
