// Revoking access tokens from a reviewed plan: which tokens a selection names now (expired, owner deleted, one
// owner's, by id or name), saved to a file to apply later (refused when the selection names other tokens by then),
// carried out one token after another, proven by reading the list again, with an exact report when it stops.
import { z } from 'zod';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError, DomoNotFoundError, DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import type { DomoAccessToken } from '../classes/access-token/access-token.js';
import { DomoAccessTokens } from '../classes/access-token/access-tokens.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { resolveUserIds } from '../classes/people.js';
import { loadDocument } from '../governance/load.js';
import { checkPlanInstance } from '../governance/saved-plan.js';
import { getAccessTokens, revokeAccessToken } from '../routes/access-token/core.js';

const FORMAT = 'domo-admin-token-revocation-plan';

/** Which tokens to revoke: any of these (a token matching one is in). At least one must be given. */
export interface TokenSelection {
  /** Tokens past their expiry (they no longer work, but clutter the list and the audit). */
  expired?: boolean;
  /** Tokens whose owner is a deleted user. */
  ownerDeleted?: boolean;
  /** Every token of this user (an id or an email). */
  owner?: number | string;
  /** These tokens, by id or exact name. */
  tokens?: readonly (string | number)[];
}

const SelectionSchema = z.strictObject({
  expired: z.boolean().optional(),
  ownerDeleted: z.boolean().optional(),
  owner: z.union([z.number().int().positive(), z.string().min(1)]).optional(),
  tokens: z.array(z.union([z.string().min(1), z.number()])).optional(),
});

const PlannedTokenSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  ownerId: z.number().int().nullable(),
  owner: z.string(),
  expiresAt: z.string().nullable(),
  reason: z.string(),
});

/** One token a plan revokes, and why it was selected. */
export type PlannedToken = z.infer<typeof PlannedTokenSchema>;

/** What a revocation will do, read just now: the tokens, each with why it was selected. */
export interface TokenRevocationPlan {
  instance: string;
  selection: TokenSelection;
  tokens: PlannedToken[];
}

/** A plan saved by `tokens revoke --out`: to review now and apply later. */
export const TokenRevocationPlanFileSchema = z.looseObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  plan: z.looseObject({ instance: z.string().min(1), selection: SelectionSchema, tokens: z.array(PlannedTokenSchema) }),
});
export type TokenRevocationPlanFile = z.infer<typeof TokenRevocationPlanFileSchema>;

/** A saved revocation plan that no longer holds: the selection names other tokens now. */
export class DomoStaleTokenPlanError extends DomoInputError {
  override name = 'DomoStaleTokenPlanError';
  readonly current: TokenRevocationPlan;
  readonly differences: string[];

  constructor(message: string, current: TokenRevocationPlan, differences: string[]) {
    super(message, { field: 'plan', route: 'applyTokenRevocationPlan' });
    this.current = current;
    this.differences = differences;
  }
}

/**
 * Which tokens `selection` names now, each with why, from one read of the token list (owners read with it).
 * @throws {DomoInputError} an empty selection, or an owner who is not a user
 * @throws {DomoNotFoundError} a token named by id or name that does not exist (every unknown one listed)
 */
export async function planTokenRevocation(
  auth: DomoAuth,
  selection: TokenSelection,
  options: CallOptions = {},
): Promise<TokenRevocationPlan> {
  const route = 'planTokenRevocation';
  const checked = SelectionSchema.safeParse(selection);
  const given = checked.success ? checked.data : undefined;
  if (!given || !(given.expired || given.ownerDeleted || given.owner !== undefined || given.tokens?.length))
    throw new DomoInputError(
      'say which tokens to revoke: expired, ownerDeleted, owner (an id or email) or tokens (ids or names)',
      { field: 'selection', route },
    );
  const call = callOptions(options);
  const manager = new DomoAccessTokens(auth);
  const [ownerId] = given.owner === undefined ? [] : await resolveUserIds(auth, [given.owner], { ...call, route });
  const named = given.tokens?.length ? await manager.resolve(given.tokens, call) : [];
  const all = await manager.list(call);
  const now = Date.now();
  const reasons = (token: DomoAccessToken): string[] => [
    ...(named.some((t) => t.id === token.id) ? ['named'] : []),
    ...(given.expired && token.isExpired(now) ? ['expired'] : []),
    ...(given.ownerDeleted && token.owner?.isDeleted ? ['owner deleted'] : []),
    ...(ownerId !== undefined && token.ownerId === ownerId
      ? [`owned by ${token.owner?.email ?? `user ${ownerId}`}`]
      : []),
  ];
  const tokens = all.flatMap((token) => {
    const why = reasons(token);
    return why.length === 0
      ? []
      : [
          {
            id: token.id,
            name: token.name,
            ownerId: token.ownerId ?? null,
            owner:
              token.owner?.email ?? token.ownerEmail ?? (token.ownerId === undefined ? '?' : `user ${token.ownerId}`),
            expiresAt: token.expiresAt?.toISOString() ?? null,
            reason: why.join(', '),
          },
        ];
  });
  return { instance: auth.instance, selection: JSON.parse(JSON.stringify(given)) as TokenSelection, tokens };
}

/**
 * Revokes the plan's tokens one after another, then reads the list once to prove every one is gone. A token gone
 * already (revoked since) counts as revoked.
 * @returns the ids revoked, in order
 * @throws {DomoPartialFailureError} one failed after others were revoked: `completed` lists exactly those
 * @throws {DomoValidationError} Domo answered every revoke but still lists some
 */
export async function executeTokenRevocation(
  auth: DomoAuth,
  plan: TokenRevocationPlan,
  options: CallOptions & { onRevoked?: (token: PlannedToken, done: number, total: number) => void } = {},
): Promise<string[]> {
  const call = callOptions(options);
  const done: string[] = [];
  for (const token of plan.tokens) {
    try {
      await revokeAccessToken(auth, token.id, call);
    } catch (error) {
      if (!(error instanceof DomoNotFoundError)) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DomoPartialFailureError(
          `revoking stopped at token ${token.id} ${JSON.stringify(token.name)} after ${done.length} of ${plan.tokens.length} (${reason}); the ones after it were not revoked`,
          done.map((id) => `revoked token ${id}`),
          error,
        );
      }
    }
    done.push(token.id);
    options.onRevoked?.(token, done.length, plan.tokens.length);
  }
  if (done.length > 0) {
    const listed = new Set((await getAccessTokens(auth, call)).data.map((token) => token.id));
    const still = done.filter((id) => listed.has(id));
    if (still.length > 0)
      throw new DomoValidationError(`Domo answered the revoke of token(s) ${still.join(', ')} but still lists them`, {
        route: 'executeTokenRevocation',
      });
  }
  return done;
}

/** A plan as a file (`tokens revoke --out`), to review and apply later with {@link applyTokenRevocationPlan}. */
export function saveTokenRevocationPlan(plan: TokenRevocationPlan, createdAt = new Date()): TokenRevocationPlanFile {
  return {
    format: FORMAT,
    version: 1,
    createdAt: createdAt.toISOString(),
    plan: JSON.parse(JSON.stringify(plan)) as TokenRevocationPlanFile['plan'],
  };
}

/** Parses and checks a revocation-plan file. @throws {DomoSpecError} every problem at once, located */
export function loadTokenRevocationPlan(text: string, options: { file?: string } = {}): TokenRevocationPlanFile {
  return loadDocument(TokenRevocationPlanFileSchema, text, {
    file: options.file ?? 'plan',
    what: 'the token revocation plan',
    route: 'loadTokenRevocationPlan',
    format: FORMAT,
  });
}

/**
 * Applies a saved plan: plans the same selection again and revokes only when it names the same tokens.
 * @throws {DomoInputError} the plan is for another instance
 * @throws {DomoStaleTokenPlanError} the selection names other tokens now (nothing revoked)
 */
export async function applyTokenRevocationPlan(
  auth: DomoAuth,
  file: TokenRevocationPlanFile,
  options: Parameters<typeof executeTokenRevocation>[2] = {},
): Promise<{ plan: TokenRevocationPlan; revoked: string[] }> {
  const saved = file.plan as TokenRevocationPlan;
  checkPlanInstance(saved.instance, auth, 'applyTokenRevocationPlan');
  const current = await planTokenRevocation(auth, saved.selection, options);
  const was = new Set(saved.tokens.map((t) => t.id));
  const now = new Set(current.tokens.map((t) => t.id));
  const differences = [
    ...current.tokens
      .filter((t) => !was.has(t.id))
      .map((t) => `token ${t.id} ${JSON.stringify(t.name)} is selected now`),
    ...saved.tokens
      .filter((t) => !now.has(t.id))
      .map((t) => `token ${t.id} ${JSON.stringify(t.name)} is no longer selected`),
  ];
  if (differences.length > 0)
    throw new DomoStaleTokenPlanError(
      `the revocation plan (${file.createdAt}) no longer holds: ${differences.join('; ')}; nothing was revoked. Plan again.`,
      current,
      differences,
    );
  return { plan: current, revoked: await executeTokenRevocation(auth, current, options) };
}
