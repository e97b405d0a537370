import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { getApiClients, revokeApiClient } from '../../routes/api-client/core.js';
import { removeListed } from '../listed.js';
import { callOptions, DomoEntity, type CallOptions } from '../entity.js';
import type { DomoUser } from '../user/user.js';

/**
 * An API client: OAuth client credentials (a client id and secret) that act with the scopes given, as their owner.
 * The list never shows the secret. Its owner is read with the list (`owner`: deleted or not).
 *
 * @example
 * ```ts
 * const client = await new DomoApiClients(auth).get('warehouse sync');
 * if (client.owner?.isDeleted) await client.revoke();
 * ```
 */
export class DomoApiClient extends DomoEntity {
  /** Opaque: compared as text. */
  @Expose() id!: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  name!: string;
  /** Its public client id (not the secret). */
  @Expose() clientId?: string | null;
  @Expose() description?: string | null;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? (value as string[]) : []), {
    toClassOnly: true,
  })
  scopes!: string[];
  @Expose({ name: 'userId' })
  @Transform(({ value }: { value: unknown }) => (value == null || value === '' ? undefined : Number(value)), {
    toClassOnly: true,
  })
  ownerId?: number;
  /** The owner, read with the list. */
  owner?: DomoUser;

  /**
   * Revokes it, then reads the list again to prove it gone. One gone already is not an error.
   * @returns whether this call revoked it
   */
  async revoke(options: CallOptions = {}): Promise<boolean> {
    return revokeClientVerified(this.auth, this.id, callOptions(options));
  }

  summary(): string {
    const owner = this.owner?.email ?? (this.ownerId === undefined ? '' : `user ${this.ownerId}`);
    return `DomoApiClient ${this.id} ${JSON.stringify(this.name)}${owner ? ` owner ${owner}` : ''} [${this.scopes.join(', ')}]`;
  }
}

/** Revokes client `id` and proves it gone by the list (a 404 too). @returns whether this call revoked it */
export function revokeClientVerified(auth: DomoAuth, id: string, call: CallOptions): Promise<boolean> {
  return removeListed(
    id,
    () => revokeApiClient(auth, id, call),
    async () => (await getApiClients(auth, call)).data,
    { label: `API client ${id}`, verb: 'revoke', noun: 'it', route: 'revokeApiClient' },
  );
}
