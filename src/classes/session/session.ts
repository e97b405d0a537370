import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import { endSession, getSessions } from '../../routes/session/core.js';
import { removeListed } from '../listed.js';
import { callOptions, DomoEntity, EpochDate, type CallOptions } from '../entity.js';
import type { DomoUser } from '../user/user.js';

/**
 * An open session of a user (a browser sign-in, or one made with a password): the admin list shows its id and user,
 * never its token. Ending it makes that token stop working.
 *
 * @example
 * ```ts
 * for (const session of await new DomoSessions(auth).ofUser('ana@acme.com')) await session.end();
 * ```
 */
export class DomoSession extends DomoEntity {
  @Expose() id!: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => Number(value), { toClassOnly: true })
  userId!: number;
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;
  /** Its user, read with the list. */
  user?: DomoUser;

  /**
   * Ends it — its token stops working — then reads the list again: gone is proven. One ended already is not an error.
   * @returns whether this call ended it
   */
  async end(options: CallOptions = {}): Promise<boolean> {
    const call = callOptions(options);
    return removeListed(
      this.id,
      () => endSession(this.auth, this.id, call),
      async () => (await getSessions(this.auth, call)).data,
      { label: `session ${this.id}`, verb: 'end', noun: 'it', route: 'endSession' },
    );
  }

  summary(): string {
    const who = this.user?.email ?? `user ${this.userId}`;
    return `DomoSession ${this.id} of ${who}${this.createdAt ? ` since ${this.createdAt.toISOString()}` : ''}`;
  }
}
