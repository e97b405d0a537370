import { kindOf } from './kinds/index.js';
import type { Plan, PlanChange } from './plan.js';
import { violationText, type PolicyViolation } from './policy.js';
import { denied } from './render.js';

/** The most characters a GitHub comment holds. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The version of {@link planJson}'s shape: it changes only when a field changes meaning or goes away. */
export const PLAN_FORMAT_VERSION = 1;

/** The section of the spec a change belongs to. */
export type PlanSection = 'roles' | 'groups' | 'accounts';

const SECTION_OF: Record<PlanChange['kind'], PlanSection> = {
  'create-role': 'roles',
  'rename-role': 'roles',
  'rename-group': 'groups',
  'update-role': 'roles',
  'set-grants': 'roles',
  'set-default-role': 'roles',
  'move-users': 'roles',
  'remove-users': 'roles',
  'delete-role': 'roles',
  'create-group': 'groups',
  'update-group': 'groups',
  'group-owners': 'groups',
  'group-members': 'groups',
  'delete-group': 'groups',
  'account-sharing': 'accounts',
};
const TITLES: Record<PlanSection, string> = { roles: 'Roles', groups: 'Groups', accounts: 'Accounts' };

/** The section of a change. */
export function sectionOf(change: PlanChange): PlanSection {
  return SECTION_OF[change.kind];
}

/** Options of {@link renderPlanMarkdown}. */
export interface MarkdownOptions {
  /** The most characters of the comment; a longer plan is cut with a note. @default GitHub's 65 536 */
  maxChars?: number;
  /** A section with more lines than this is collapsed in `<details>`. @default 20 */
  collapseOver?: number;
  /** How the note of a cut plan begins. @default "This comment is cut at 65,536 characters" (with `maxChars`) */
  cutNote?: string;
}

/**
 * A plan as a pull-request comment (GitHub-flavoured Markdown): a summary line, destructive changes called out
 * first, warnings, then the changes grouped by section in `diff` blocks, a long section collapsed in `<details>`;
 * cut with a note when it would pass `maxChars`.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const max = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const head = `### domo-admin plan · \`${plan.instance}\`\n\n`;
  if (plan.changes.length === 0)
    return `${head}${policyBlocks(plan).join('')}**No changes**: the instance matches the spec.\n`;
  const { create, update, remove, move } = plan.summary;
  const summary = `**Plan: ${create} to create, ${update} to update, ${move} move(s), ${remove} to remove**${plan.destructive ? ' · ⚠️ includes destructive changes' : ''}\n\n`;
  const blocks = [...calloutBlocks(plan), ...sectionBlocks(plan, options.collapseOver ?? 20)];
  return fit(
    head + summary,
    blocks,
    max,
    options.cutNote ?? `This comment is cut at ${max.toLocaleString('en')} characters`,
  );
}

/** Broken deny rules (apply refuses the plan) and warn rules, as GitHub alerts. */
function policyBlocks(plan: Plan): string[] {
  const list = (level: 'deny' | 'warn') =>
    (plan.violations ?? []).filter((v) => v.level === level).map((v) => `> - ${markdownInline(violationText(v))}`);
  const deny = list('deny');
  const warn = list('warn');
  return [
    ...(deny.length
      ? [
          `> [!CAUTION]\n> **${deny.length} policy violation(s) deny this plan** — apply refuses it:\n${deny.join('\n')}\n\n`,
        ]
      : []),
    ...(warn.length ? [`> [!WARNING]\n> **${warn.length} policy warning(s)**:\n${warn.join('\n')}\n\n`] : []),
  ];
}

/** Policy violations, destructive changes (applied only with `--allow-destructive`) and the plan's warnings, as GitHub alerts. */
function calloutBlocks(plan: Plan): string[] {
  const destructive = plan.changes.filter((c) => c.destructive).map((c) => firstLine(c));
  const blocks: string[] = [...policyBlocks(plan)];
  if (destructive.length > 0)
    blocks.push(
      `> [!WARNING]\n> **${destructive.length} destructive change(s)** — applied only with \`--allow-destructive\`:\n${destructive.map((line) => `> - ${markdownInline(line)}`).join('\n')}\n\n`,
    );
  if (plan.selfLockout) blocks.push(`> [!CAUTION]\n> ${markdownInline(plan.selfLockout)}\n\n`);
  if (plan.warnings.length > 0)
    blocks.push(`> [!NOTE]\n${plan.warnings.map((w) => `> - ${markdownInline(w)}`).join('\n')}\n\n`);
  return blocks;
}

/** One block per section: its lines in a `diff` block, in `<details>` when long. */
function sectionBlocks(plan: Plan, collapseOver: number): string[] {
  const bySection = new Map<PlanSection, string[]>();
  for (const change of plan.changes) {
    const lines = kindOf(change).render(change).split('\n');
    bySection.set(sectionOf(change), [...(bySection.get(sectionOf(change)) ?? []), ...lines]);
  }
  return (['roles', 'groups', 'accounts'] as const).flatMap((section) => {
    const lines = bySection.get(section);
    if (!lines) return [];
    const count = plan.changes.filter((c) => sectionOf(c) === section).length;
    const title = `${TITLES[section]} (${count} change${count === 1 ? '' : 's'})`;
    const block = fence(lines);
    return lines.length > collapseOver
      ? [`<details><summary><strong>${title}</strong>: ${lines.length} lines</summary>\n\n${block}\n</details>\n\n`]
      : [`#### ${title}\n\n${block}\n`];
  });
}

/** Lines in a `diff` block (see {@link fenced}). */
function fence(lines: readonly string[]): string {
  return fenced(lines.map(diffLine).join('\n'), 'diff');
}

/** Text in a fenced block whose fence is longer than any run of backticks in it (a name may hold some). */
export function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}\n`;
}

/** GitHub colours `+` and `-` lines of a diff block: the plan's `−` and `⇄` read as a removal and a change. */
function diffLine(line: string): string {
  if (line.startsWith('− ')) return `- ${line.slice(2)}`;
  if (line.startsWith('⇄ ') || line.startsWith('~ ')) return `! ${line.slice(2)}`;
  return line;
}

function firstLine(change: PlanChange): string {
  return kindOf(change).render(change).split('\n')[0] ?? change.kind;
}

/** Text inside a Markdown line or table cell: characters that would start markup are escaped. */
export function markdownInline(text: string): string {
  return text.replace(/[\\`*_<>[\]|]/g, (c) => `\\${c}`);
}

/** Characters kept free for the note that says the comment was cut. */
const NOTE_ROOM = 300;

/**
 * The head, then as many blocks as fit in `max` characters; the first block that does not fit is cut after a whole
 * line (its fence and `<details>` closed), the rest left out, and a note says how many lines are not shown.
 */
function fit(head: string, blocks: readonly string[], max: number, cutNote: string): string {
  const whole = head + blocks.join('');
  if (whole.length <= max) return whole;
  const budget = max - NOTE_ROOM;
  let out = head;
  let omitted = 0;
  let full = false;
  for (const block of blocks) {
    if (!full && out.length + block.length <= budget) {
      out += block;
      continue;
    }
    const part = full ? { text: '', left: linesOf(block) } : cutBlock(block, budget - out.length);
    out += part.text;
    omitted += part.left;
    full = true;
  }
  return `${out}> [!CAUTION]\n> ${cutNote}: ${omitted} more line(s) of the plan are not shown. The whole plan is in the job's log and its saved plan file.\n`;
}

/** Where a block's `diff` fence opens and closes. */
function fenceOf(lines: readonly string[]): { start: number; end: number; marks: string } | undefined {
  const start = lines.findIndex((line) => /^`{3,}diff$/.test(line));
  if (start < 0) return undefined;
  const marks = (lines[start] as string).slice(0, -4);
  return { start, end: lines.lastIndexOf(marks), marks };
}

/** The plan lines a block shows: a section's diff lines, a callout's bullets. */
function linesOf(block: string): number {
  const lines = block.split('\n');
  const fenced = fenceOf(lines);
  return fenced ? fenced.end - fenced.start - 1 : lines.filter((line) => line.startsWith('> - ')).length;
}

/** As much of a block as fits in `room`, whole lines only, its fence (and `<details>`) closed. */
function cutBlock(block: string, room: number): { text: string; left: number } {
  const lines = block.split('\n');
  const fenced = fenceOf(lines);
  if (!fenced) return { text: '', left: linesOf(block) };
  const closing = `${fenced.marks}\n${block.startsWith('<details>') ? '</details>\n' : ''}\n`;
  let text = `${lines.slice(0, fenced.start + 1).join('\n')}\n`;
  let at = fenced.start + 1;
  for (; at < fenced.end && text.length + (lines[at] as string).length + 1 + closing.length <= room; at += 1)
    text += `${lines[at] as string}\n`;
  if (at === fenced.start + 1) return { text: '', left: fenced.end - fenced.start - 1 };
  return { text: text + closing, left: fenced.end - at };
}

/** One change as {@link planJson} gives it. */
export interface PlanJsonChange {
  section: PlanSection;
  kind: PlanChange['kind'];
  destructive: boolean;
  /** How `domo-admin plan` shows it. */
  text: string;
  /** The change itself: its fields are those of `PlanChange` for its kind. */
  change: PlanChange;
}

/** `plan --format json`: a versioned contract for policy tools (conftest/OPA and the like). */
export interface PlanJson {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  instance: string;
  summary: Plan['summary'];
  destructive: boolean;
  warnings: string[];
  /** Set when applying would take `role.manage` from the signed-in user. */
  selfLockout: string | null;
  /** True when a deny rule is broken: `apply` refuses the plan. (Added in version 1; absent from older output.) */
  denied: boolean;
  /** The policy rules the planned state breaks, denies first. */
  violations: PolicyViolation[];
  changes: PlanJsonChange[];
}

/** A plan as `plan --format json` prints it: only what a reviewer or a policy needs, versioned. */
export function planJson(plan: Plan): PlanJson {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    instance: plan.instance,
    summary: plan.summary,
    destructive: plan.destructive,
    warnings: [...plan.warnings],
    selfLockout: plan.selfLockout ?? null,
    denied: denied(plan),
    violations: plan.violations ?? [],
    changes: plan.changes.map((change) => ({
      section: sectionOf(change),
      kind: change.kind,
      destructive: change.destructive,
      text: kindOf(change).render(change),
      change,
    })),
  };
}
