// Rotating an access token without downtime: the new token first, stored where it is used, proven to work, and only
// then the old one revoked. Any step that fails leaves the old token working and says exactly what exists.
import type { DomoAuth } from '../../auth/base.js';
import { DomoTokenAuth } from '../../auth/token.js';
import { DomoInputError, DomoPartialFailureError } from '../../client/errors.js';
import { Secret } from '../../client/secret.js';
import { STORED_TOKEN_KEYS, type DomoAccount } from '../account/account.js';
import type { ConfigInput } from '../account/config.js';
import type { CallOptions } from '../entity.js';
import { revokeVerified, type DomoAccessToken } from './access-token.js';

/** The four steps of a rotation, in order. */
export const ROTATION_STEPS = ['create', 'store', 'verify', 'revoke'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** What {@link DomoAccessToken.rotate} takes. */
export interface RotateOptions extends CallOptions {
  /** A credential account to write the new token into (`domo-access-token`, `dataset-copy`, `abstract-credential-store`). */
  storeIn?: DomoAccount;
  /**
   * The config field that holds the token: by default `domoAccessToken` (domo-access-token), `accessToken`
   * (dataset-copy), or for an abstract credential store the key of its `credentials` JSON that holds a token now.
   */
  field?: string;
  /** Days the new token lives. @default 90 */
  lifetimeDays?: number;
  /** The new token's name. @default the old one's */
  name?: string;
}

/** What a rotation did: the new token (its `value` unless it went into an account), and where it was stored. */
export interface RotationResult {
  old: DomoAccessToken;
  token: DomoAccessToken;
  storedIn?: { id: number; name: string; field: string };
  /** The steps done, as sentences. */
  done: string[];
}

/**
 * A rotation that stopped: `step` failed; the old token still works unless `step` is `revoke` (then both do).
 * `newTokenId` is the token made before the failure (revoke it by id if it is not wanted); `completed` the steps done.
 */
export class DomoRotationError extends DomoPartialFailureError {
  override name = 'DomoRotationError';
  readonly step: RotationStep;
  readonly newTokenId: string | undefined;

  constructor(
    message: string,
    step: RotationStep,
    newTokenId: string | undefined,
    completed: string[],
    cause: unknown,
  ) {
    super(message, completed, cause);
    this.step = step;
    this.newTokenId = newTokenId;
  }
}

/** Where a token lives in an account's config, and the config patch that puts `value` there. */
interface Slot {
  field: string;
  patch(value: Secret): ConfigInput;
  /** The patch that puts the config back as it was. */
  undo: ConfigInput;
}

/** The slot of `account` that holds a token (read unmasked, to put it back if the new token is refused). */
async function tokenSlot(account: DomoAccount, field: string | undefined, call: CallOptions): Promise<Slot> {
  const route = 'DomoAccessToken.rotate';
  const config = (await account.getConfig({ unmask: true, ...call })).reveal();
  const type = account.dataProviderType;
  if (type === 'domo-access-token' || type === 'dataset-copy') {
    const key = field ?? (type === 'domo-access-token' ? 'domoAccessToken' : 'accessToken');
    return {
      field: key,
      patch: (value) => ({ [key]: value }),
      undo: { [key]: typeof config[key] === 'string' ? new Secret(config[key]) : null },
    };
  }
  if (type === 'abstract-credential-store') {
    const text = typeof config.credentials === 'string' ? config.credentials : '{}';
    let stored: Record<string, unknown>;
    try {
      stored = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new DomoInputError(
        `account ${account.id}: its credentials are not JSON; give the token's place another way`,
        {
          field: 'storeIn',
          route,
        },
      );
    }
    const key = field ?? STORED_TOKEN_KEYS.find((k) => typeof stored[k] === 'string') ?? 'token';
    return {
      field: `credentials.${key}`,
      patch: (value) => ({ credentials: new Secret(JSON.stringify({ ...stored, [key]: value.reveal() })) }),
      undo: { credentials: new Secret(text) },
    };
  }
  throw new DomoInputError(
    `account ${account.id} is a ${type} account: a token can be stored in a domo-access-token, dataset-copy or abstract-credential-store account`,
    { field: 'storeIn', route },
  );
}

/**
 * Rotates `old`: creates its successor (`create`), writes it into `storeIn` when given, proves it works — as itself
 * and, when stored, as the account now holds it — and only then revokes `old`. A failure at any step leaves `old`
 * working (the account's config put back when the new token was refused) and throws a {@link DomoRotationError}
 * saying which step failed and what exists.
 */
export async function rotateToken(
  old: DomoAccessToken,
  create: (input: { name: string; ownerId: number; lifetimeDays: number }) => Promise<DomoAccessToken>,
  options: RotateOptions,
): Promise<RotationResult> {
  const call: CallOptions = { ...(options.signal ? { signal: options.signal } : {}) };
  const ownerId = old.ownerId;
  if (ownerId === undefined)
    throw new DomoInputError(`access token ${old.id}: its owner is not known; create its successor by hand`, {
      route: 'DomoAccessToken.rotate',
    });
  const account = options.storeIn;
  // Checked before anything is made: an account that cannot hold a token stops the rotation with nothing done.
  const slot = account ? await tokenSlot(account, options.field, call) : undefined;
  const putBack = async () => (account && slot ? `; account ${account.id} ${await restored(account, slot, call)}` : '');
  const run = new RotationRun(old);
  const name = options.name ?? old.name;
  const made = await run.step('create', undefined, () =>
    create({ name, ownerId, lifetimeDays: options.lifetimeDays ?? 90 }),
  );
  run.done.push(`created token ${made.id}`);
  const value = made.value!;
  if (account && slot) {
    await run.step('store', made, () => account.updateConfig(slot.patch(value), call), putBack);
    run.done.push(`stored token ${made.id} in account ${account.id} (${slot.field})`);
  }
  await run.step('verify', made, () => proveWorks(old.auth, value, ownerId, account, call), putBack);
  run.done.push(`token ${made.id} works as user ${ownerId}`);
  const where = account ? ` and is in account ${account.id}` : '';
  await run.step(
    'revoke',
    made,
    () => revokeVerified(old.auth, old.id, call),
    () => `; the new token ${made.id} works${where}`,
  );
  run.done.push(`revoked token ${old.id}`);
  if (account) made.value = undefined;
  return {
    old,
    token: made,
    done: run.done,
    ...(account && slot ? { storedIn: { id: account.id, name: account.displayName, field: slot.field } } : {}),
  };
}

/** The steps of one rotation as they run: what was done, and on a failure the error that says what exists. */
class RotationRun {
  readonly done: string[] = [];

  constructor(readonly old: DomoAccessToken) {}

  /** Runs one step; a failure becomes a {@link DomoRotationError} (`after`: what was done about it, as text). */
  async step<T>(
    step: RotationStep,
    made: DomoAccessToken | undefined,
    run: () => Promise<T>,
    after: () => string | Promise<string> = () => '',
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.#error(step, made, error, await after());
    }
  }

  #error(step: RotationStep, made: DomoAccessToken | undefined, error: unknown, after: string): DomoRotationError {
    const { old } = this;
    const reason = error instanceof Error ? error.message : String(error);
    const exists = made
      ? `; the new token ${made.id} exists: revoke it by id (domo-admin tokens revoke ${made.id}) if it is not wanted`
      : '; no new token was made';
    const still =
      step === 'revoke'
        ? `the old token ${old.id} still works too (revoke it by id)`
        : `the old token ${old.id} still works`;
    return new DomoRotationError(
      `rotating access token ${old.id} ${JSON.stringify(old.name)} stopped at "${step}" (${reason}): ${still}${after}${step === 'revoke' ? '' : exists}`,
      step,
      made?.id,
      [...this.done],
      error,
    );
  }
}

/** Proves `value` acts as `ownerId`, and so does the account that now holds it. */
async function proveWorks(
  auth: DomoAuth,
  value: Secret,
  ownerId: number,
  account: DomoAccount | undefined,
  call: CallOptions,
): Promise<void> {
  const direct = new DomoTokenAuth({
    ...auth.transportOptions,
    instance: auth.instance,
    baseUrl: auth.baseUrl,
    token: value,
  });
  const me = await direct.whoAmI(call);
  if (me.id !== ownerId) throw new Error(`the new token acts as user ${me.id}, not ${ownerId}`);
  if (!account) return;
  const stored = await (await account.toAuth(call)).whoAmI(call);
  if (stored.id !== ownerId) throw new Error(`account ${account.id} now acts as user ${stored.id}, not ${ownerId}`);
}

/** Puts the account's token back as it was; says what it holds now. */
async function restored(account: DomoAccount, slot: Slot, call: CallOptions): Promise<string> {
  try {
    await account.updateConfig(slot.undo, call);
    return 'holds the old token again';
  } catch (error) {
    return `could not be put back (${error instanceof Error ? error.message : String(error)}): check its ${slot.field}`;
  }
}
