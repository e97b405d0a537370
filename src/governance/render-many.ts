import type { Plan } from './plan.js';
import {
  GITHUB_COMMENT_LIMIT,
  markdownInline,
  PLAN_FORMAT_VERSION,
  planJson,
  renderPlanMarkdown,
  type PlanJson,
} from './render-markdown.js';
import { denied } from './render.js';

/** One instance's plan in a run over several (`plan --profiles dev,stage,prod`), or why it has none. */
export interface InstancePlan {
  profile: string;
  instance: string | null;
  exitCode: number;
  plan?: Plan;
  error?: { name: string; message: string };
}

/** `plan --profiles … --format json`: each instance's versioned plan (or error), and the worst exit code. */
export interface PlansJson {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  exitCode: number;
  instances: {
    profile: string;
    instance: string | null;
    exitCode: number;
    plan: PlanJson | null;
    error: { name: string; message: string } | null;
  }[];
}

/** Several instances' plans as one JSON document. */
export function plansJson(results: readonly InstancePlan[], exitCode: number): PlansJson {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    exitCode,
    instances: results.map((r) => ({
      profile: r.profile,
      instance: r.instance,
      exitCode: r.exitCode,
      plan: r.plan ? planJson(r.plan) : null,
      error: r.error ?? null,
    })),
  };
}

/** One instance's line of the summary table. */
function outcome(r: InstancePlan): string {
  if (r.error) return `❌ ${escapeCell(`${r.error.name}: ${r.error.message.split('\n')[0] ?? ''}`)}`;
  const plan = r.plan as Plan;
  if (denied(plan)) return '⛔ denied by policy';
  if (plan.changes.length === 0) return '✅ no changes';
  const { create, update, remove, move } = plan.summary;
  return `${create} create, ${update} update, ${move} move, ${remove} remove${plan.destructive ? ' ⚠️ destructive' : ''}`;
}

/** Text in a table cell or a quoted line, escaped, at most 300 characters. */
function escapeCell(text: string): string {
  return markdownInline(text).slice(0, 300);
}

/**
 * Several instances' plans as one pull-request comment: a table (one row per instance and its outcome), then each
 * instance's plan as {@link renderPlanMarkdown} writes it, each given an equal share of the comment limit.
 */
export function renderPlansMarkdown(results: readonly InstancePlan[], options: { maxChars?: number } = {}): string {
  const max = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const head = [
    `## domo-admin plan · ${results.length} instance(s)`,
    '',
    '| Profile | Instance | Outcome |',
    '|---|---|---|',
    ...results.map((r) => `| ${escapeCell(r.profile)} | ${r.instance ? `\`${r.instance}\`` : '—'} | ${outcome(r)} |`),
    '',
    '',
  ].join('\n');
  const share = Math.floor((max - head.length) / Math.max(1, results.length)) - 2;
  const sections = results.map((r) =>
    r.plan
      ? renderPlanMarkdown(r.plan, {
          maxChars: share,
          cutNote: `This instance's plan is cut at ${share.toLocaleString('en')} characters, its share of the comment`,
        })
      : `### ${escapeCell(r.profile)}\n\n> [!CAUTION]\n${(r.error?.message ?? 'no plan')
          .split('\n')
          .slice(0, 20)
          .map((line) => `> ${escapeCell(line)}`)
          .join('\n')}\n`,
  );
  return `${head}${sections.join('\n')}`;
}
