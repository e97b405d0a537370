import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import type { Secret } from '../../client/secret.js';
import { daysUntil } from '../../internal/days.js';
import { getAccessTokens, revokeAccessToken } from '../../routes/access-token/core.js';
import { removeListed } from '../listed.js';
import { callOptions, DomoEntity, entityClass, EpochDate, type CallOptions } from '../entity.js';
import type { DomoAccessTokens } from './access-tokens.js';
import type { RotateOptions, RotationResult } from './rotation.js';
import type { DomoUser } from '../user/user.js';

/**
 * A Domo access token: a secret that acts as its owner, with all their access, until it expires or is revoked. Its
 * value exists only on the token {@link DomoAccessTokens.create} returns (`value`, a `Secret`: never printed); the
 * list never shows it.
 *
 * @example
 * ```ts
 * const token = await new DomoAccessTokens(auth).get('etl nightly');
 * token.expiresInDays(); // 12
 * await token.revoke();
 * ```
 */
export class DomoAccessToken extends DomoEntity {
  /** Opaque (digits or a UUID, by source): compared as text. */
  @Expose() id!: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  name!: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? value : undefined), { toClassOnly: true })
  ownerId?: number;
  /** As the list gives it; often null when the owner is deleted. */
  @Expose() ownerName?: string | null;
  @Expose() ownerEmail?: string | null;
  @Expose({ name: 'expires' }) @EpochDate() expiresAt?: Date;
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;
  /** The owner, read with the list: email, deleted or not, active or not (when Domo says). */
  owner?: DomoUser;
  /** The token's value: only on the token `create` returned (Domo shows it once). Never printed. */
  value?: Secret;

  /** Whole days until it expires (negative once expired); `undefined` when Domo gives no expiry. */
  expiresInDays(now: number = Date.now()): number | undefined {
    return this.expiresAt === undefined ? undefined : daysUntil(this.expiresAt.getTime(), now);
  }

  /** Whether it has expired (a token without an expiry has not). */
  isExpired(now: number = Date.now()): boolean {
    return this.expiresAt !== undefined && this.expiresAt.getTime() <= now;
  }

  /** Its lifetime in whole days, from creation to expiry, where Domo gives both. */
  lifetimeDays(): number | undefined {
    if (!this.expiresAt || !this.createdAt) return undefined;
    return daysUntil(this.expiresAt.getTime(), this.createdAt.getTime());
  }

  /**
   * Revokes it — it stops working at once, with no warning to whoever uses it — and reads the list again to prove
   * it is gone. One revoked already (gone from the list) is not an error.
   * @returns whether this call revoked it (`false`: it was gone already)
   * @throws {DomoValidationError} Domo answered but the token is still listed
   */
  async revoke(options: CallOptions = {}): Promise<boolean> {
    return revokeVerified(this.auth, this.id, callOptions(options));
  }

  /**
   * Rotates it without downtime: **creates its successor** (same name and owner, `lifetimeDays`, 90 by default) →
   * **writes it into `storeIn`** when given (a `domo-access-token` account's `domoAccessToken`, a `dataset-copy`
   * account's `accessToken`, or an abstract credential store's token key; `field` to say another) → **proves it works**
   * (who-am-i as the new token, and as the account now holds it) → only then **revokes this one**. Any failure leaves
   * this token working (the account put back when the new token was refused) and says which step failed and what
   * exists (a new token to revoke by id).
   * @returns the new token — its `value` a `Secret` unless it went into `storeIn` — and the steps done
   * @throws {DomoRotationError} `step`: `create`, `store`, `verify` or `revoke`; `newTokenId` when one was made
   */
  async rotate(options: RotateOptions = {}): Promise<RotationResult> {
    const Tokens = entityClass<typeof DomoAccessTokens>('accessTokens'); // it imports this module: found, not imported
    return new Tokens(this.auth).rotate(this, options);
  }

  summary(): string {
    const owner = this.ownerEmail ?? this.owner?.email ?? (this.ownerId === undefined ? '' : `user ${this.ownerId}`);
    const expiry = this.expiresAt ? ` expires ${this.expiresAt.toISOString().slice(0, 10)}` : '';
    return `DomoAccessToken ${this.id} ${JSON.stringify(this.name)}${owner ? ` owner ${owner}` : ''}${expiry}`;
  }
}

/**
 * Revokes token `id` and reads the list again: gone is proven. A 404 (revoked already, or a retry after a revoke
 * whose answer was lost) is checked against the list too.
 * @returns whether this call revoked it
 */
export function revokeVerified(auth: DomoAuth, id: string, call: CallOptions): Promise<boolean> {
  return removeListed(
    id,
    () => revokeAccessToken(auth, id, call),
    async () => (await getAccessTokens(auth, call)).data,
    { label: `access token ${id}`, verb: 'revoke', noun: 'the token', route: 'revokeAccessToken' },
  );
}
