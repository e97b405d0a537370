import type { DomoAuth } from '../auth/base.js';
import { DomoFileError, DomoInputError, DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { DomoRoles } from '../classes/role/roles.js';
import { kindOf } from './kinds/index.js';
import { planSpec, renderPlan, type Plan, type PlanChange, type PlanOptions } from './plan.js';
import { DomoPolicyError } from './policy.js';
import { saveSnapshot, takeSnapshot } from './snapshot.js';
import type { Spec } from './spec.js';

/** Options of {@link applyPlan}. */
export interface ApplyOptions extends CallOptions {
  /** Apply destructive changes (grants removed from a role with members, users moved out of a role). @default false */
  allowDestructive?: boolean;
  /** Called after each change is applied, with a one-line description and the change itself. */
  onProgress?: (done: number, total: number, description: string, change: PlanChange) => void;
  /**
   * Before changing anything, write a snapshot of everything the plan touches into this folder (see
   * {@link saveSnapshot}); `restoreSnapshot` goes back to it. The CLI always does, into `.domo-admin/snapshots`.
   */
  snapshotDir?: string;
  /**
   * Apply a plan that takes `role.manage` from the signed-in user (see {@link Plan.selfLockout}). @default false
   */
  allowSelfLockout?: boolean;
  /** Told where the snapshot was written, before the first change is applied. */
  onSnapshot?: (file: string) => void;
}

/** What an apply did. */
export interface ApplyReport {
  applied: string[];
  /** The snapshot written before applying (with `snapshotDir` and at least one change). */
  snapshot?: string;
}

/**
 * Applies a plan, in dependency order. Destructive changes are refused unless `allowDestructive` (nothing is applied
 * then). A failure part-way stops at once and says exactly what was applied; planning again shows what remains.
 * @throws {DomoPolicyError} a policy rule denies the plan (nothing is applied)
 * @throws {DomoInputError} destructive changes without `allowDestructive` (nothing is applied)
 * @throws {DomoPartialFailureError} a change failed after others were applied (`completed` lists them)
 */
export async function applyPlan(auth: DomoAuth, plan: Plan, options: ApplyOptions = {}): Promise<ApplyReport> {
  if (plan.instance !== auth.instance)
    throw new DomoInputError(`the plan is for instance "${plan.instance}", not "${auth.instance}"`, {
      field: 'instance',
      route: 'applyPlan',
    });
  if ((plan.violations ?? []).some((violation) => violation.level === 'deny'))
    throw new DomoPolicyError(plan.violations);
  const destructive = plan.changes.filter((change) => change.destructive);
  if (destructive.length > 0 && !options.allowDestructive) {
    throw new DomoInputError(
      `the plan has ${destructive.length} destructive change(s); nothing was applied. Review them, then pass allowDestructive:\n${renderPlan({ ...plan, changes: destructive }).split('\n\n')[0]}`,
      { field: 'allowDestructive', route: 'applyPlan' },
    );
  }
  if (plan.selfLockout && !options.allowSelfLockout)
    throw new DomoInputError(`${plan.selfLockout}; nothing was applied. Pass allowSelfLockout if that is meant`, {
      field: 'allowSelfLockout',
      route: 'applyPlan',
    });
  const call = callOptions(options);
  // Roles exist before their grants, grants before the default role and members (each kind's `order`).
  const changes = [...plan.changes].sort((a, b) => kindOf(a).order - kindOf(b).order);
  const roles = new DomoRoles(auth);
  const applied: string[] = [];
  const snapshot =
    options.snapshotDir !== undefined && changes.length > 0
      ? await saveSnapshot(takeSnapshot(plan), options.snapshotDir).catch((error: unknown) => {
          if (!(error instanceof DomoFileError)) throw error;
          throw new DomoFileError(`${error.message} (nothing was applied)`, error.path, error.code, 'applyPlan');
        })
      : undefined;
  if (snapshot) options.onSnapshot?.(snapshot);
  const restoreHint = snapshot ? `; the state before is in ${snapshot}` : '';
  for (const change of changes) {
    const text = kindOf(change).describe(change);
    // What took effect inside this change before it failed (a group created, the first of two shares).
    const partly: string[] = [];
    try {
      await kindOf(change).apply(change, {
        roles,
        call,
        step: (step: string) => partly.push(`${step} (part of: ${text})`),
      });
    } catch (error) {
      if (applied.length === 0 && partly.length === 0) throw error;
      const inPart = partly.length > 0 ? `, and part of the next: ${partly.join('; ')}` : '';
      throw new DomoPartialFailureError(
        `apply stopped at "${text}" after ${applied.length} of ${changes.length} change(s)${inPart} (${error instanceof Error ? error.message : String(error)}); plan again to see what remains${restoreHint}`,
        [...applied, ...partly],
        error,
      );
    }
    applied.push(text);
    options.onProgress?.(applied.length, changes.length, text, change);
  }
  return { applied, ...(snapshot ? { snapshot } : {}) };
}

/**
 * Plans a spec, applies the plan, and plans again: the second plan must be empty (apply is verified by re-reading
 * the instance, never assumed).
 * @throws {DomoValidationError} the instance still differs from the spec after applying
 */
export function applySpec(
  auth: DomoAuth,
  spec: Spec,
  options: ApplyOptions & PlanOptions = {},
): Promise<ApplyReport & { plan: Plan }> {
  return applyVerified(auth, () => planSpec(auth, spec, options), options);
}

/**
 * Plans, applies, and plans again: the second plan must be empty.
 * @throws {DomoValidationError} the instance still differs afterwards
 */
export async function applyVerified(
  auth: DomoAuth,
  plan: () => Promise<Plan>,
  options: ApplyOptions = {},
): Promise<ApplyReport & { plan: Plan }> {
  const first = await plan();
  const report = await applyPlan(auth, first, options);
  const after = await plan();
  if (after.changes.length > 0) {
    throw new DomoValidationError(
      `apply did not converge: the instance still differs from what was planned:\n${renderPlan(after)}`,
      { route: 'applySpec', issues: after.changes.map((c) => ({ path: c.kind, message: kindOf(c).describe(c) })) },
    );
  }
  return { ...report, plan: first };
}
