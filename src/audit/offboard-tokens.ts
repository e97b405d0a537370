// A leaver's access tokens in an offboarding: each acts as them until it expires, so it is revoked (the default),
// re-issued for another user (a token of the same name and expiry for them, then the old one revoked), or left.
import type { DomoAuth } from '../auth/base.js';
import { DomoForbiddenError, DomoInputError } from '../client/errors.js';
import { revokeVerified, type DomoAccessToken } from '../classes/access-token/access-token.js';
import { DomoAccessTokens, MAX_TOKEN_LIFETIME_DAYS } from '../classes/access-token/access-tokens.js';
import { DAY_MS, daysUntil } from '../internal/days.js';
import type { CallOptions } from '../classes/entity.js';

/** What an offboarding does with the user's access tokens (see `OffboardOptions.tokens`). */
export type TokensChoice = 'revoke' | 'leave' | { reissueFor: string | number };

/** A token of the leaver, as a plan lists it (never its value). */
export interface PlannedAccessToken {
  id: string;
  name: string;
  /** ISO 8601, or null when Domo gives no expiry. */
  expiresAt: string | null;
}

/** The tokens part of a plan. */
export interface TokensPlan {
  accessTokens?: PlannedAccessToken[];
  /** What happens to them (saved with the plan, so that applying it later chooses the same). */
  tokensAction?: 'revoke' | 'reissue' | 'leave';
  /** Who the re-issued tokens are for. */
  tokensFor?: { type: 'USER'; id: number; label: string };
  /** Why the tokens were not read (the caller lacks the grant, or is the leaver): they are left as they are. */
  tokensUnread?: string;
}

/**
 * The leaver's tokens and what happens to them. Reading them needs "Manage all access tokens and API clients" (or
 * "Manage all company settings"): without it the plan says so and leaves them — unless a re-issue was asked for,
 * which is then refused.
 */
export async function planTokens(
  auth: DomoAuth,
  userId: number,
  choice: TokensChoice,
  keeper: { id: number; label: string } | undefined,
  call: CallOptions,
): Promise<TokensPlan> {
  if (choice === 'leave') return { tokensAction: 'leave' };
  // The signed-in user's own tokens: revoking them would cut off the offboarding itself (its token among them).
  if ((await auth.whoAmI(call)).id === userId) {
    if (choice !== 'revoke')
      throw new DomoInputError(
        "the user is the signed-in user: re-issuing their tokens would revoke the one this offboarding runs with; sign in as another admin, or pass tokens: 'leave'",
        { field: 'tokens', route: 'offboardUser' },
      );
    return {
      tokensAction: 'revoke',
      tokensUnread:
        'they are the signed-in user: revoking their tokens would cut off this offboarding; sign in as another admin to revoke them',
    };
  }
  let tokens: DomoAccessToken[];
  try {
    tokens = (await new DomoAccessTokens(auth).list(call)).filter((token) => token.ownerId === userId);
  } catch (error) {
    if (!(error instanceof DomoForbiddenError)) throw error;
    if (choice !== 'revoke')
      throw new DomoInputError(`the user's access tokens cannot be read to re-issue them: ${error.message}`, {
        field: 'tokens',
        route: 'offboardUser',
      });
    return { tokensAction: 'revoke', tokensUnread: error.message };
  }
  const accessTokens = tokens.map((t) => ({ id: t.id, name: t.name, expiresAt: t.expiresAt?.toISOString() ?? null }));
  return choice === 'revoke'
    ? { accessTokens, tokensAction: 'revoke' }
    : { accessTokens, tokensAction: 'reissue', tokensFor: { type: 'USER', id: keeper!.id, label: keeper!.label } };
}

/** The plan's sentences for the tokens. */
export function tokenSteps(plan: TokensPlan, leaving: string): string[] {
  return (plan.accessTokens ?? []).map((t) => {
    const label = `access token #${t.id} "${t.name}"`;
    return plan.tokensAction === 'reissue'
      ? `${label}: a new token of the same name for ${plan.tokensFor!.label}${t.expiresAt ? ` expiring ${t.expiresAt.slice(0, 10)}` : ''} (its value shown once), then #${t.id} revoked`
      : `${label} of ${leaving}: revoked (it acts as them until then), read back`;
  });
}

/**
 * Carries out one token's step: revokes it, or first issues its successor for the keeper (told to `issued`, value
 * and all) and then revokes it — each proven by the token list.
 * @returns what cannot be undone, as sentences
 */
export async function handOverToken(
  auth: DomoAuth,
  plan: TokensPlan,
  token: PlannedAccessToken,
  call: CallOptions,
  hooks: { partly(done: string): void; issued?(token: DomoAccessToken, replaced: PlannedAccessToken): void },
): Promise<string[]> {
  const effects: string[] = [];
  if (plan.tokensAction === 'reissue') {
    const expires = token.expiresAt ? Date.parse(token.expiresAt) : Date.now() + 90 * DAY_MS;
    const lifetimeDays = Math.min(MAX_TOKEN_LIFETIME_DAYS, Math.max(1, daysUntil(expires)));
    const made = await new DomoAccessTokens(auth).create(
      { name: token.name, owner: plan.tokensFor!.id, lifetimeDays },
      call,
    );
    const text = `access token #${made.id} "${made.name}" issued for ${plan.tokensFor!.label} (revoke it by id to undo)`;
    hooks.partly(text);
    effects.push(text);
    hooks.issued?.(made, token);
  }
  await revokeVerified(auth, token.id, call);
  effects.push(`access token #${token.id} "${token.name}" revoked (a revoked token cannot be brought back)`);
  return effects;
}

/** The choice a saved plan made, to plan again with. */
export function savedTokensChoice(plan: TokensPlan): TokensChoice {
  if (plan.tokensAction === 'reissue' && plan.tokensFor) return { reissueFor: plan.tokensFor.id };
  return plan.tokensAction === 'leave' ? 'leave' : 'revoke';
}

/** How the tokens part of a saved plan differs from a fresh one, as sentences. */
export function tokenDifferences(saved: TokensPlan, current: TokensPlan): string[] {
  const ids = (plan: TokensPlan) => new Set((plan.accessTokens ?? []).map((t) => t.id));
  const [before, now] = [ids(saved), ids(current)];
  const gone = [...before].filter((id) => !now.has(id));
  const added = [...now].filter((id) => !before.has(id));
  return [
    ...(gone.length > 0 ? [`${gone.length} access token(s) gone since (${gone.join(', ')})`] : []),
    ...(added.length > 0 ? [`${added.length} more access token(s) now (${added.join(', ')})`] : []),
  ];
}
