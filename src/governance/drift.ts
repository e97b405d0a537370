import type { DomoAuth } from '../auth/base.js';
import { DomoActivityLog } from '../classes/activity/activity-log.js';
import { isChange, type ActivityEvent } from '../classes/activity/harvest.js';
import type { CallOptions } from '../classes/entity.js';
import { DAY_MS, minuteText } from '../internal/days.js';
import type { SpecDiff } from './diff.js';
import type { Plan } from './plan.js';

/** An object that drifted from the spec, as the activity log names it. */
export interface DriftTarget {
  objectType: 'ROLE' | 'GROUP' | 'ACCOUNT';
  /** Its id where the plan knows it; else it is matched by name. */
  id?: number;
  name: string;
}

/** The last change the log shows to a drifted object (null: none in the window read). */
export interface DriftExplanation extends DriftTarget {
  last: ActivityEvent | null;
}

/** What {@link explainDrift} found, and whether the log was read whole (a missing day can hide the change). */
export interface DriftReport {
  days: number;
  complete: boolean;
  failed: string[];
  explanations: DriftExplanation[];
}

/** The existing objects a plan changes (creations have no history). */
export function planTargets(plan: Plan): DriftTarget[] {
  const targets: DriftTarget[] = [];
  for (const change of plan.changes) {
    if ('roleId' in change && typeof change.roleId === 'number')
      targets.push({ objectType: 'ROLE', id: change.roleId, name: change.role });
    else if ('groupId' in change && typeof change.groupId === 'number')
      targets.push({ objectType: 'GROUP', id: change.groupId, name: change.group });
    else if (change.kind === 'account-sharing')
      targets.push({ objectType: 'ACCOUNT', id: change.accountId, name: change.account });
  }
  return unique(targets);
}

const SECTION_TYPE = { roles: 'ROLE', groups: 'GROUP', accounts: 'ACCOUNT' } as const;

/** The objects two sides differ on (roles, groups, accounts), by name. */
export function diffTargets(diff: SpecDiff): DriftTarget[] {
  return unique(
    diff.differences.flatMap((d) =>
      d.section === 'default_role' ? [] : [{ objectType: SECTION_TYPE[d.section], name: d.name }],
    ),
  );
}

function unique(targets: DriftTarget[]): DriftTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.objectType}:${t.id ?? t.name.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The last change the activity log shows to each target over the last `days` (views and sign-ins left out): who
 * drifted it, when, and what the log says. One harvest for all targets, a week per call.
 */
export async function explainDrift(
  auth: DomoAuth,
  targets: readonly DriftTarget[],
  options: CallOptions & { days?: number } = {},
): Promise<DriftReport> {
  const { days = 30, ...call } = options;
  const types = [...new Set(targets.map((t) => t.objectType))];
  if (types.length === 0) return { days, complete: true, failed: [], explanations: [] };
  const last = new Map<DriftTarget, ActivityEvent>();
  const harvest = new DomoActivityLog(auth).events({ ...call, from: Date.now() - days * DAY_MS, types, chunkDays: 7 });
  for await (const event of harvest) {
    if (!isChange(event)) continue;
    for (const target of targets)
      if (matches(target, event) && event.time > (last.get(target)?.time ?? 0)) last.set(target, event);
  }
  const result = harvest.result!;
  return {
    days,
    complete: result.complete,
    failed: result.failed.map((f) => f.label),
    explanations: targets.map((target) => ({ ...target, last: last.get(target) ?? null })),
  };
}

function matches(target: DriftTarget, event: ActivityEvent): boolean {
  if (event.objectType !== target.objectType) return false;
  return target.id !== undefined
    ? event.objectId === String(target.id)
    : event.objectName.toLowerCase() === target.name.toLowerCase();
}

/** The report as lines under a plan or a diff. */
export function renderDrift(report: DriftReport): string {
  const lines = report.explanations.map(({ objectType, name, last }) => {
    const what = `${objectType.toLowerCase()} "${name}"`;
    if (!last) return `  ${what}: no change in the ${report.days} days read`;
    const when = minuteText(last.time);
    const who = last.userName || (last.userId === null ? 'Domo' : `user ${last.userId}`);
    const detail = last.additionalComment || last.eventText;
    return `  ${what}: last changed ${when} UTC by ${who} (${last.actionType}${detail ? `: ${detail}` : ''})`;
  });
  const partial = report.complete
    ? []
    : [
        `  ! ${report.failed.length} chunk(s) of the log could not be read (${report.failed.slice(0, 3).join(', ')}): a later change may be missing`,
      ];
  return `\nLast change seen in the activity log (${report.days} days):\n${[...lines, ...partial].join('\n')}\n`;
}
