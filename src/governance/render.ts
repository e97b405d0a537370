import { kindOf } from './kinds/index.js';
import type { Plan } from './plan.js';

/** A plan as text a person reviews: `+` create, `~` update (before → after), `−` remove, `⇄` move, then a summary. */
export function renderPlan(plan: Plan): string {
  if (plan.changes.length === 0) return `No changes: ${plan.instance} matches the spec.\n`;
  const lines = plan.changes.map((change) => kindOf(change).render(change));
  const { create, update, remove, move } = plan.summary;
  const warnings = (plan.warnings ?? []).map((warning) => `! ${warning}`);
  return `${[...warnings, ...lines].join('\n')}\n\nPlan: ${create} to create, ${update} to update, ${move} move(s), ${remove} to remove${plan.destructive ? ' (includes destructive changes)' : ''}.\n`;
}
