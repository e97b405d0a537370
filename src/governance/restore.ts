import type { DomoAuth } from '../auth/base.js';
import { applyVerified, type ApplyOptions, type ApplyReport } from './apply.js';
import { planSpec, type Plan, type PlanOptions } from './plan.js';
import type { Snapshot } from './snapshot.js';

/**
 * The plan that takes an instance back to a snapshot: its spec planned as usual, and the roles and groups the apply
 * created planned as deletions. Planning again after a restore is empty.
 * @throws {DomoInputError} the snapshot is of another instance
 */
export function planRestore(auth: DomoAuth, snapshot: Snapshot, options: PlanOptions = {}): Promise<Plan> {
  return planSpec(auth, { ...snapshot.spec, instance: snapshot.instance }, { ...options, absent: snapshot.absent });
}

/**
 * Plans and applies the way back to a snapshot, then plans again to verify. A restore deletes what the apply created
 * and puts back what it removed, so it is usually destructive: pass `allowDestructive` after reviewing
 * {@link planRestore}.
 * @throws {DomoInputError} destructive changes without `allowDestructive` (nothing is applied)
 * @throws {DomoPartialFailureError} a change failed after others were applied
 * @throws {DomoValidationError} the instance still differs from the snapshot afterwards
 */
export function restoreSnapshot(
  auth: DomoAuth,
  snapshot: Snapshot,
  options: ApplyOptions & PlanOptions = {},
): Promise<ApplyReport & { plan: Plan }> {
  return applyVerified(auth, () => planRestore(auth, snapshot, options), options);
}
