import { z } from 'zod';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError } from '../client/errors.js';
import { applyPlan, type ApplyOptions, type ApplyReport } from './apply.js';
import { loadDocument } from './load.js';
import { planSpec, renderPlan, type Plan, type PlanOptions } from './plan.js';
import { AbsentSchema } from './snapshot.js';
import { SpecSchema } from './spec.js';

/** A plan written by `plan --out`: the plan, and what it was planned from. */
export const SavedPlanSchema = z.looseObject({
  format: z.literal('domo-admin-plan'),
  version: z.literal(1),
  /** ISO 8601. */
  createdAt: z.string(),
  instance: z.string().trim().min(1),
  spec: SpecSchema,
  absent: AbsentSchema,
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64 hex digits planning wrote'),
  changes: z.array(z.looseObject({ kind: z.string() })),
});
/** A parsed saved-plan file. */
export type SavedPlan = z.infer<typeof SavedPlanSchema>;

/** A saved plan that no longer holds: the instance changed since planning, or the file's changes were edited. */
export class DomoStalePlanError extends DomoInputError {
  override name = 'DomoStalePlanError';
  /** The plan as it stands now. */
  readonly current: Plan;

  constructor(message: string, current: Plan) {
    super(message, { field: 'plan', route: 'applySavedPlan' });
    this.current = current;
  }
}

/** A plan as a file (`plan --out`), to review now and apply later with {@link applySavedPlan}. */
export function savePlan(
  plan: Plan,
  createdAt: Date = new Date(),
): Plan & { format: 'domo-admin-plan'; version: 1; createdAt: string } {
  return { format: 'domo-admin-plan', version: 1, createdAt: createdAt.toISOString(), ...plan };
}

/**
 * Parses and checks a saved plan file.
 * @throws {DomoSpecError} every problem at once, located
 */
export function loadPlan(text: string, options: { file?: string } = {}): SavedPlan {
  return loadDocument(SavedPlanSchema, text, {
    file: options.file ?? 'plan',
    what: 'the plan',
    route: 'loadPlan',
    format: 'domo-admin-plan',
  });
}

/** True when a parsed file is a saved plan rather than a spec. */
export function isSavedPlan(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'domo-admin-plan';
}

/**
 * A saved plan (or snapshot) is applied only to the instance it was made on: `instance` as the file says it
 * (any case) against the signed-in one.
 * @throws {DomoInputError} the plan is for another instance
 */
export function checkPlanInstance(instance: string, auth: DomoAuth, route: string): void {
  if (instance.toLowerCase() !== auth.instance)
    throw new DomoInputError(`the plan is for instance "${instance}", not "${auth.instance}"`, {
      field: 'instance',
      route,
    });
}

/**
 * Plans a saved plan's spec again and returns the fresh plan — only when it reads exactly what the saved one did
 * (same fingerprint) and so plans exactly the same changes.
 * @throws {DomoInputError} the plan is for another instance
 * @throws {DomoStalePlanError} the instance changed since planning, or the file's changes are not its spec's
 */
export async function replanSaved(auth: DomoAuth, saved: SavedPlan, options: PlanOptions = {}): Promise<Plan> {
  checkPlanInstance(saved.instance, auth, 'applySavedPlan');
  const current = await planSpec(auth, saved.spec, { ...options, absent: saved.absent });
  if (current.fingerprint !== saved.fingerprint)
    throw new DomoStalePlanError(
      `the instance has changed since this plan was made (${saved.createdAt}); nothing was applied. Plan again. It would now be:\n${renderPlan(current)}`,
      current,
    );
  if (JSON.stringify(current.changes) !== JSON.stringify(saved.changes))
    throw new DomoStalePlanError(
      "the plan file's changes are not the ones its spec plans (was the file edited?); nothing was applied. Plan again.",
      current,
    );
  return current;
}

/**
 * Applies a saved plan after checking it still holds (see {@link replanSaved}).
 * @throws {DomoStalePlanError} the instance changed since planning (nothing is applied)
 */
export async function applySavedPlan(
  auth: DomoAuth,
  saved: SavedPlan,
  options: ApplyOptions & PlanOptions = {},
): Promise<ApplyReport & { plan: Plan }> {
  const plan = await replanSaved(auth, saved, options);
  return { ...(await applyPlan(auth, plan, options)), plan };
}
