import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError, DomoValidationError } from '../../client/errors.js';
import { DAY_MS } from '../../internal/days.js';
import { checkName, describe } from '../../internal/input.js';
import { createAccessToken, getAccessTokens } from '../../routes/access-token/core.js';
import { callOptions, registerEntity, type CallOptions } from '../entity.js';
import { DomoList, pageOf } from '../list.js';
import { findOneByName, requireOneByName, resolveAmongText } from '../names.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { readOwners } from '../owners.js';
import { DomoAccessToken, revokeVerified } from './access-token.js';
import { rotateToken, type RotateOptions, type RotationResult } from './rotation.js';

/** The longest lifetime `create` accepts: ten years (what integration guides tell users to pick, and no more). */
export const MAX_TOKEN_LIFETIME_DAYS = 3650;

/** What {@link DomoAccessTokens.create} takes. */
export interface CreateAccessToken {
  name: string;
  /** Whose access it carries: an id, an email or a `DomoUser` (a live user). */
  owner: UserRef;
  /** Days until it expires, 1 to {@link MAX_TOKEN_LIFETIME_DAYS}. */
  lifetimeDays: number;
}

/**
 * The access tokens of one instance. Domo lists them all at once (never their values) and has no read of one token,
 * so `get` and `resolve` look in the list; each token's owner is read with it (one user search for all of them, and
 * whether each live owner is active), never once per token.
 *
 * @example
 * ```ts
 * const tokens = new DomoAccessTokens(auth);
 * const soon = (await tokens.list()).filter((token) => (token.expiresInDays() ?? Infinity) <= 14);
 * const fresh = await tokens.create({ name: 'etl', owner: 'grace@acme.com', lifetimeDays: 90 });
 * fresh.value!.reveal(); // shown once
 * ```
 */
export class DomoAccessTokens {
  constructor(readonly auth: DomoAuth) {}

  /** Every token, each with its owner (`owner`: email, deleted, active). One page: every token. */
  list(options: CallOptions = {}): DomoList<DomoAccessToken> {
    const call = callOptions(options);
    return DomoList.single(async () => pageOf(await this.#read(call)), 'access tokens');
  }

  /** The tokens `user` owns (an id, an email or a `DomoUser`). */
  async ownedBy(user: UserRef, options: CallOptions = {}): Promise<DomoAccessToken[]> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [user], { ...call, route: 'DomoAccessTokens.ownedBy' });
    return (await this.#read(call)).filter((token) => token.ownerId === userId);
  }

  /** One token by id or exact name (case-insensitive; a name two tokens share is an error naming both). */
  async get(idOrName: string | number, options: CallOptions = {}): Promise<DomoAccessToken> {
    return (await this.resolve([idOrName], options))[0]!;
  }

  /** The token named exactly `name` (case-insensitive, never a substring); `undefined` when none. */
  async findByName(name: string, options: CallOptions = {}): Promise<DomoAccessToken | undefined> {
    return findOneByName('access token', await this.#read(callOptions(options)), name, [(t) => t.name]);
  }

  /** Like {@link DomoAccessTokens.findByName}; none is a `DomoNotFoundError` naming the close ones. */
  async getByName(name: string, options: CallOptions = {}): Promise<DomoAccessToken> {
    const tokens = await this.#read(callOptions(options));
    return requireOneByName('access token', tokens, name, [(t) => t.name], 'DomoAccessTokens.getByName');
  }

  /**
   * Tokens by id or exact name, in order, from one read of the list (an id first: token ids are opaque text).
   * @throws {DomoNotFoundError} listing every unknown reference, names with their close matches
   * @throws {DomoAmbiguousNameError} a name two tokens share (use the id)
   */
  async resolve(refs: readonly (string | number)[], options: CallOptions = {}): Promise<DomoAccessToken[]> {
    const tokens = await this.#read(callOptions(options));
    return resolveAmongText('access token', tokens, refs, (t) => t.name, 'DomoAccessTokens.resolve');
  }

  /**
   * Creates a token for a live user, valid for `lifetimeDays`. The returned token holds its value (`value`, a
   * `Secret`: Domo shows it this once — store it now) and is found in the list again before it is returned.
   * @throws {DomoInputError} a blank name, a lifetime out of range, or an owner who is not a live user (nothing sent)
   */
  async create(input: CreateAccessToken, options: CallOptions = {}): Promise<DomoAccessToken> {
    const route = 'DomoAccessTokens.create';
    if (typeof input !== 'object' || input === null)
      throw new DomoInputError(`${route} takes { name, owner, lifetimeDays }, got ${describe(input)}`, { route });
    const name = checkName(input.name, 'name', route);
    const days = input.lifetimeDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_TOKEN_LIFETIME_DAYS)
      throw new DomoInputError(
        `lifetimeDays must be a whole number from 1 to ${MAX_TOKEN_LIFETIME_DAYS}, got ${describe(days)}`,
        { field: 'lifetimeDays', route },
      );
    const call = callOptions(options);
    const [ownerId] = await resolveUserIds(this.auth, [input.owner], { ...call, route, live: true });
    const { data } = await createAccessToken(
      this.auth,
      { name, ownerId: ownerId!, expires: Date.now() + days * DAY_MS },
      call,
    );
    const listed = (await this.#read(call)).find((token) => token.id === data.id);
    if (!listed)
      throw new DomoValidationError(
        `access token ${data.id} (${JSON.stringify(name)}): created, but the list does not show it; revoke it by id if it appears`,
        { route },
      );
    listed.value = data.token;
    return listed;
  }

  /**
   * Revokes tokens by id, name or `DomoAccessToken`, one after another, each proven gone by reading the list again.
   * @returns the ids revoked (one gone already is left out)
   */
  async revoke(refs: readonly (string | number | DomoAccessToken)[], options: CallOptions = {}): Promise<string[]> {
    const call = callOptions(options);
    const tokens = await this.resolve(
      refs.map((ref) => (ref instanceof Object && 'id' in ref ? ref.id : ref)),
      call,
    );
    const revoked: string[] = [];
    for (const token of tokens) if (await revokeVerified(this.auth, token.id, call)) revoked.push(token.id);
    return revoked;
  }

  /**
   * Rotates a token without downtime: its successor created (same name and owner), written into `storeIn` when
   * given, proven to work, and only then the old one revoked. See {@link DomoAccessToken.rotate}.
   * @throws {DomoRotationError} a step failed: which, and what exists (the old token still works)
   */
  async rotate(ref: string | number | DomoAccessToken, options: RotateOptions = {}): Promise<RotationResult> {
    const old = ref instanceof DomoAccessToken ? ref : await this.get(ref, options);
    return rotateToken(
      old,
      (input) => this.create({ name: input.name, owner: input.ownerId, lifetimeDays: input.lifetimeDays }, options),
      options,
    );
  }

  /** The list, each token with its owner. */
  async #read(call: CallOptions): Promise<DomoAccessToken[]> {
    const tokens = DomoAccessToken.hydrateMany(this.auth, (await getAccessTokens(this.auth, call)).data);
    const owners = await readOwners(
      this.auth,
      tokens.flatMap((t) => (t.ownerId === undefined ? [] : [t.ownerId])),
      call,
    );
    for (const token of tokens) if (token.ownerId !== undefined) token.owner = owners.get(token.ownerId);
    return tokens;
  }
}

registerEntity('accessTokens', DomoAccessTokens);
