import { z } from 'zod';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError } from '../client/errors.js';
import { callOptions } from '../classes/entity.js';
import { OWNED_KEYS, OWNED_LABEL, OWNED_KIND, type OwnedKey } from '../classes/ownership.js';
import { loadDocument } from '../governance/load.js';
import { checkPlanInstance } from '../governance/saved-plan.js';
import { AccessToRemoveSchema } from './remove-access.js';
import { savedTokensChoice, tokenDifferences } from './offboard-tokens.js';
import {
  executeOffboarding,
  planOffboarding,
  type ExecuteOffboardingOptions,
  type OffboardOptions,
  type OffboardingPlan,
} from './offboard.js';

const FORMAT = 'domo-admin-offboarding-plan';

const principal = z.looseObject({
  type: z.enum(['USER', 'GROUP']),
  id: z.number().int().positive(),
  label: z.string(),
});
const item = z.looseObject({ id: z.union([z.number().int().positive(), z.string().min(1)]), name: z.string() });

/** An offboarding plan written by `offboard --out`: the plan as read, to review now and apply later. */
export const OffboardingPlanFileSchema = z.looseObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  /** ISO 8601. */
  createdAt: z.string(),
  plan: z.looseObject({
    instance: z.string().trim().min(1),
    user: z.looseObject({ id: z.number().int().positive(), email: z.string(), name: z.string(), role: z.string() }),
    to: principal,
    datasetsTo: principal.optional(),
    recipients: z.record(z.string(), principal).optional(),
    toContainerOwner: z.boolean().optional(),
    endSessions: z.boolean().optional(),
    removeAccess: AccessToRemoveSchema.optional(),
    accessTokens: z
      .array(z.looseObject({ id: z.string().min(1), name: z.string(), expiresAt: z.string().nullable() }))
      .optional(),
    tokensAction: z.enum(['revoke', 'reissue', 'leave']).optional(),
    tokensFor: principal.extend({ type: z.literal('USER') }).optional(),
    tokensUnread: z.string().optional(),
    sessions: z.number().int().nonnegative().optional(),
    deleteUser: z.boolean(),
    steps: z.array(z.string()),
    ...(Object.fromEntries(OWNED_KEYS.map((key) => [key, z.array(item).optional().default([])])) as Record<
      OwnedKey,
      z.ZodDefault<z.ZodOptional<z.ZodArray<typeof item>>>
    >),
  }),
});
/** A parsed offboarding-plan file. */
export type OffboardingPlanFile = z.infer<typeof OffboardingPlanFileSchema>;

/** A saved offboarding plan that no longer holds: what the user owns (or who takes it) changed since planning. */
export class DomoStaleOffboardingError extends DomoInputError {
  override name = 'DomoStaleOffboardingError';
  /** The plan as it stands now. */
  readonly current: OffboardingPlan;
  /** What changed, as sentences. */
  readonly differences: string[];

  constructor(message: string, current: OffboardingPlan, differences: string[]) {
    super(message, { field: 'plan', route: 'applyOffboardingPlan' });
    this.current = current;
    this.differences = differences;
  }
}

/** A plan as a file (`offboard --out`), to review now and apply later with {@link applyOffboardingPlan}. */
export function saveOffboardingPlan(plan: OffboardingPlan, createdAt: Date = new Date()): OffboardingPlanFile {
  // The file holds the plan as JSON holds it: the plan's own shape, checked again when the file is loaded.
  const copy = JSON.parse(JSON.stringify(plan)) as OffboardingPlanFile['plan'];
  return { format: FORMAT, version: 1, createdAt: createdAt.toISOString(), plan: copy };
}

/**
 * Parses and checks an offboarding-plan file.
 * @throws {DomoSpecError} every problem at once, located
 */
export function loadOffboardingPlan(text: string, options: { file?: string } = {}): OffboardingPlanFile {
  return loadDocument(OffboardingPlanFileSchema, text, {
    file: options.file ?? 'plan',
    what: 'the offboarding plan',
    route: 'loadOffboardingPlan',
    format: FORMAT,
  });
}

/**
 * Applies a saved offboarding plan: plans again from a fresh read (same user, new owner, fallback user and
 * deletion) and carries it out only when it is the saved one — the same things of every type to the same
 * recipients. Anything else is refused before a change, naming what differs.
 * @throws {DomoInputError} the plan is for another instance
 * @throws {DomoStaleOffboardingError} what the user owns, or who takes it, changed since planning
 * @throws {DomoPartialFailureError} a step failed after others were done (see {@link executeOffboarding})
 */
export async function applyOffboardingPlan(
  auth: DomoAuth,
  file: OffboardingPlanFile,
  options: Omit<OffboardOptions, 'to' | 'fallbackTo' | 'deleteUser'> & Pick<ExecuteOffboardingOptions, 'snapshot'> = {},
): Promise<{ plan: OffboardingPlan; done: string[] }> {
  const saved = file.plan as unknown as OffboardingPlan;
  checkPlanInstance(saved.instance, auth, 'applyOffboardingPlan');
  const current = await planOffboarding(auth, saved.user.id, {
    ...callOptions(options),
    to: { type: saved.to.type, id: saved.to.id },
    ...(saved.datasetsTo ? { fallbackTo: saved.datasetsTo.id } : {}),
    deleteUser: saved.deleteUser,
    toContainerOwner: Boolean(saved.toContainerOwner),
    endSessions: Boolean(saved.endSessions),
    removeAccess: saved.removeAccess !== undefined,
    tokens: savedTokensChoice(saved),
  });
  const differences = planDifferences(saved, current);
  if (differences.length > 0)
    throw new DomoStaleOffboardingError(
      `the offboarding plan of ${saved.user.email} (${file.createdAt}) no longer holds: ${differences.join('; ')}; nothing was changed. Plan again.`,
      current,
      differences,
    );
  return { plan: current, done: await executeOffboarding(auth, current, options) };
}

/** What differs between a saved plan and a fresh one, as sentences; none when they would do the same. */
export function planDifferences(saved: OffboardingPlan, current: OffboardingPlan): string[] {
  const recipient = (p: OffboardingPlan['to'] | undefined) => (p ? `${p.type}:${p.id}` : 'none');
  const differences = [
    recipient(saved.to) === recipient(current.to) ? '' : `the new owner is now ${current.to.label}`,
    recipient(saved.datasetsTo) === recipient(current.datasetsTo)
      ? ''
      : `who takes what only a user can own is now ${current.datasetsTo?.label ?? 'nobody'}`,
  ];
  const byKey = (plan: OffboardingPlan) =>
    Object.entries(plan.recipients ?? {})
      .map(([key, to]) => `${key}>${to.id}`)
      .sort()
      .join(',');
  const access = (plan: OffboardingPlan) =>
    JSON.stringify([
      (plan.removeAccess?.groups ?? []).map((g) => g.id).sort(),
      (plan.removeAccess?.shares ?? []).map((s) => `${s.kind}:${s.id}:${s.accessLevel}`).sort(),
    ]);
  if (access(saved) !== access(current)) differences.push('the group memberships or shares to remove changed');
  differences.push(...tokenDifferences(saved, current));
  if (byKey(saved) !== byKey(current)) differences.push("who takes some objects as their container's owner changed");
  for (const key of OWNED_KEYS) {
    const before = new Set((saved[key] ?? []).map((thing) => String(thing.id)));
    const now = new Set((current[key] ?? []).map((thing) => String(thing.id)));
    const label = OWNED_LABEL[OWNED_KIND[key]];
    const gone = [...before].filter((id) => !now.has(id));
    const added = [...now].filter((id) => !before.has(id));
    if (gone.length > 0) differences.push(`${gone.length} ${label}(s) no longer owned (${gone.join(', ')})`);
    if (added.length > 0) differences.push(`${added.length} more ${label}(s) owned now (${added.join(', ')})`);
  }
  return differences.filter(Boolean);
}
