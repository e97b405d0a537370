import { join } from 'node:path';
import type { DomoAuth } from '../auth/base.js';
import { applyPlan, type ApplyReport } from '../governance/apply.js';
import { renderPlan, type Plan } from '../governance/plan.js';
import type { CliContext } from './context.js';
import { adminDir } from './profiles.js';

/** The flags of `apply` and `restore`. */
export interface ApplyFlags {
  policy?: string[];
  profiles?: string[];
  allowDestructive?: boolean;
  allowSelfLockout?: boolean;
  snapshotDir?: string;
}

/** `✓ applied N change(s); the instance now matches …`, what remains, and the way back. */
export function appliedText(report: ApplyReport, after: Plan, target: string): string {
  const undo = report.snapshot
    ? `\n  the state before is in ${report.snapshot} (undo: domo-admin restore ${report.snapshot})`
    : '';
  return `✓ applied ${report.applied.length} change(s); ${after.changes.length === 0 ? `the instance now matches ${target}` : `${after.changes.length} change(s) remain:\n${renderPlan(after)}`}${undo}\n`;
}

/**
 * Applies a plan consented to (a snapshot first, progress as it goes), then plans again. Ctrl-C while applying says
 * exactly how far it got and where the way back is, then stops.
 */
export async function applyApproved(
  c: CliContext,
  auth: DomoAuth,
  plan: Plan,
  replan: () => Promise<Plan>,
  options: ApplyFlags,
  /** Said too when interrupted: where the other instances of an `apply --profiles` stand. */
  elsewhere: () => string = () => '',
): Promise<{ report: ApplyReport; after: Plan }> {
  let applied = 0;
  let snapshot: string | undefined;
  const interrupted = () => {
    const undo = snapshot ? `; the state before is in ${snapshot} (undo: domo-admin restore ${snapshot})` : '';
    c.note(
      `\n! interrupted: ${applied} of ${plan.changes.length} change(s) were applied (the lines above are exact; the change in progress may have taken effect in part)${undo}; plan again to see what remains${elsewhere()}`,
    );
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  const report = await applyPlan(auth, plan, {
    allowDestructive: Boolean(options.allowDestructive),
    allowSelfLockout: Boolean(options.allowSelfLockout),
    // A dry run changes nothing, so there is nothing to snapshot.
    ...(c.options.dryRun ? {} : { snapshotDir: options.snapshotDir ?? join(adminDir(c.io.env), 'snapshots') }),
    onSnapshot: (file) => (snapshot = file),
    onProgress: (done, total, change) => {
      applied = done;
      c.note(`[${done}/${total}] ${change}`);
    },
  }).finally(() => process.off('SIGINT', interrupted));
  return { report, after: await replan() };
}
