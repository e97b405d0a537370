// Rotating an access token without downtime: the new token first, stored where it is used, proven to work, and only
// then the old one revoked. Any step that fails leaves the old token working and says exactly what exists.
import type { DomoAuth } from '../../auth/base.js';
import { DomoTokenAuth } from '../../auth/token.js';
import { DomoInputError, DomoPartialFailureError } from '../../client/errors.js';
import { Secret } from '../../client/secret.js';
import type { DomoAccount } from '../account/account.js';
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

const TOKEN_KEYS = ['token', 'accessToken', 'domoAccessToken', 'DOMO_ACCESS_TOKEN'];

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
    const key = field ?? TOKEN_KEYS.find((k) => typeof stored[k] === 'string') ?? 'token';
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
  const auth = old.auth;
  const call: CallOptions = { ...(options.signal ? { signal: options.signal } : {}) };
  if (old.ownerId === undefined)
    throw new DomoInputError(`access token ${old.id}: its owner is not known; create its successor by hand`, {
      route: 'DomoAccessToken.rotate',
    });
  // Checked before anything is made: an account that cannot hold a token stops the rotation with nothing done.
  const slot = options.storeIn ? await tokenSlot(options.storeIn, options.field, call) : undefined;
  const done: string[] = [];
  const fail = (step: RotationStep, made: DomoAccessToken | undefined, error: unknown, after = ''): never => {
    const reason = error instanceof Error ? error.message : String(error);
    const exists = made
      ? `; the new token ${made.id} exists: revoke it by id (domo-admin tokens revoke ${made.id}) if it is not wanted`
      : '; no new token was made';
    const still =
      step === 'revoke'
        ? `the old token ${old.id} still works too (revoke it by id)`
        : `the old token ${old.id} still works`;
    throw new DomoRotationError(
      `rotating access token ${old.id} ${JSON.stringify(old.name)} stopped at "${step}" (${reason}): ${still}${after}${step === 'revoke' ? '' : exists}`,
      step,
      made?.id,
      [...done],
      error,
    );
  };
  let made: DomoAccessToken | undefined;
  try {
    made = await create({
      name: options.name ?? old.name,
      ownerId: old.ownerId,
      lifetimeDays: options.lifetimeDays ?? 90,
    });
  } catch (error) {
    return fail('create', undefined, error);
  }
  done.push(`created token ${made.id}`);
  const value = made.value!;
  if (options.storeIn && slot) {
    try {
      await options.storeIn.updateConfig(slot.patch(value), call);
    } catch (error) {
      return fail(
        'store',
        made,
        error,
        `; account ${options.storeIn.id} ${await restored(options.storeIn, slot, call)}`,
      );
    }
    done.push(`stored token ${made.id} in account ${options.storeIn.id} (${slot.field})`);
  }
  try {
    await proveWorks(auth, value, old.ownerId, options.storeIn, call);
  } catch (error) {
    const put =
      options.storeIn && slot ? `; account ${options.storeIn.id} ${await restored(options.storeIn, slot, call)}` : '';
    return fail('verify', made, error, put);
  }
  done.push(`token ${made.id} works as user ${old.ownerId}`);
  try {
    await revokeVerified(auth, old.id, call);
  } catch (error) {
    return fail(
      'revoke',
      made,
      error,
      `; the new token ${made.id} works${options.storeIn ? ` and is in account ${options.storeIn.id}` : ''}`,
    );
  }
  done.push(`revoked token ${old.id}`);
  if (options.storeIn) made.value = undefined;
  return {
    old,
    token: made,
    done,
    ...(options.storeIn && slot
      ? { storedIn: { id: options.storeIn.id, name: options.storeIn.displayName, field: slot.field } }
      : {}),
  };
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
