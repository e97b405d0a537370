import { InvalidArgumentError, Option } from 'commander';
import type { DomoAuth } from '../auth/base.js';
import { errorJson } from './errors-json.js';
import type { CliContext } from './context.js';
import { markdownInline } from '../governance/render-markdown.js';

/**
 * `--profiles dev,stage,prod`: one command run against several instances, each with its own result, and one exit
 * code — the worst (1 an error, then 3 an incomplete audit, then 2 changes or differences, then 0).
 */

/** One instance's part of a run over `--profiles`. */
export interface InstanceResult<T> {
  profile: string;
  /** The instance signed in to (`null` when signing in failed). */
  instance: string | null;
  exitCode: number;
  /** What the command gives for this instance (absent on an error). */
  result?: T;
  /** Why this instance failed: the others go on. */
  error?: { name: string; message: string };
}

/** Exit codes from best to worst. */
const SEVERITY = [0, 2, 3, 1];

/** The worst of several exit codes (an unknown code counts as an error). */
export function worstExit(codes: readonly number[]): number {
  return codes.reduce((worst, code) => {
    const rank = (n: number) => (SEVERITY.includes(n) ? SEVERITY.indexOf(n) : SEVERITY.length);
    return rank(code) > rank(worst) ? code : worst;
  }, 0);
}

/** `--profiles a,b,c`: at least one, no blanks, no repeats. */
export function profilesOption(what = 'run against each of these profiles'): Option {
  return new Option('--profiles <names>', `${what} (comma-separated), one result each, the worst exit code`).argParser(
    (value: string) => {
      const list = value.split(',').map((part) => part.trim());
      if (list.some((p) => p === '') || new Set(list).size !== list.length)
        throw new InvalidArgumentError(
          `--profiles takes distinct profile names separated by commas, got ${JSON.stringify(value)}`,
        );
      return list;
    },
  );
}

/**
 * Runs `run` for each profile — at once, or one after another with `sequential` (apply: dev before prod) — catching
 * each instance's error as its result so that the others go on.
 */
export async function eachInstance<T>(
  c: CliContext,
  profiles: readonly string[],
  run: (auth: DomoAuth, profile: string) => Promise<{ result: T; exitCode: number }>,
  options: { sequential?: boolean } = {},
): Promise<InstanceResult<T>[]> {
  const one = async (profile: string): Promise<InstanceResult<T>> => {
    let instance: string | null = null;
    try {
      const auth = await c.authFor(profile);
      instance = auth.instance;
      return { profile, instance, ...(await run(auth, profile)) };
    } catch (error) {
      const { name, message } = errorJson(error);
      return { profile, instance, exitCode: 1, error: { name: String(name), message: String(message) } };
    }
  };
  if (!options.sequential) return Promise.all(profiles.map(one));
  const results: InstanceResult<T>[] = [];
  for (const profile of profiles) results.push(await one(profile));
  return results;
}

/** The heading of one instance in text output. */
export function instanceHeading(result: InstanceResult<unknown>): string {
  return `── ${result.profile}${result.instance ? ` (${result.instance})` : ''} ──`;
}

/** Each instance's text under its heading (an error as `✗ …`), then one line per instance and its exit code. */
export function instancesText<T>(results: readonly InstanceResult<T>[], text: (result: T) => string): string {
  const parts = results.map(
    (r) => `${instanceHeading(r)}\n${r.error ? `✗ ${r.error.name}: ${r.error.message}\n` : text(r.result as T)}`,
  );
  const width = Math.max(...results.map((r) => r.profile.length));
  const summary = results.map(
    (r) => `  ${r.profile.padEnd(width)}  exit ${r.exitCode}${r.error ? `  ${r.error.name}` : ''}`,
  );
  return `${parts.join('\n')}\n${results.length} instance(s), exit ${worstExit(results.map((r) => r.exitCode))}:\n${summary.join('\n')}\n`;
}

/** The most characters a combined Markdown report holds (GitHub's comment limit). */
const MARKDOWN_LIMIT = 65_536;

/**
 * Several instances' results as one Markdown report (a pull-request comment, an issue): a table of each instance's
 * exit code and outcome, then each instance's section (`body`), or its error as a CAUTION alert; cut under GitHub's
 * comment limit with a note.
 */
export function instancesMarkdown<T>(
  title: string,
  results: readonly InstanceResult<T>[],
  body: (result: T) => string,
  outcome: (result: T) => string,
): string {
  const head = [
    `## ${title} · ${results.length} instance(s) · exit ${worstExit(results.map((r) => r.exitCode))}`,
    '',
    '| Profile | Instance | Exit | Outcome |',
    '|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${markdownInline(r.profile)} | ${r.instance ? `\`${r.instance}\`` : '—'} | ${r.exitCode} | ${r.error ? `❌ ${markdownInline(r.error.name)}` : markdownInline(outcome(r.result as T))} |`,
    ),
    '',
  ].join('\n');
  const sections = results.map((r) => {
    const heading = `### ${markdownInline(r.profile)}${r.instance ? ` (\`${r.instance}\`)` : ''}\n\n`;
    if (!r.error) return heading + body(r.result as T);
    const quoted = r.error.message
      .split('\n')
      .slice(0, 20)
      .map((line) => `> ${markdownInline(line)}`);
    return `${heading}> [!CAUTION]\n> **${markdownInline(r.error.name)}**\n${quoted.join('\n')}\n`;
  });
  const whole = [head, ...sections].join('\n');
  if (whole.length <= MARKDOWN_LIMIT) return whole;
  const cut = whole.slice(0, MARKDOWN_LIMIT - 300);
  const text = cut.slice(0, cut.lastIndexOf('\n'));
  // a fence left open by the cut is closed
  const fences = text.match(/^`{3,}/gm) ?? [];
  const close = fences.length % 2 === 1 ? `\n${fences[fences.length - 1] ?? '```'}` : '';
  return `${text}${close}\n\n> [!CAUTION]\n> This report is cut at ${MARKDOWN_LIMIT.toLocaleString('en')} characters: run the command with --json for all of it.\n`;
}

/** `--format text|markdown` of a command that can run over `--profiles`. */
export function formatOption(): Option {
  return new Option(
    '--format <format>',
    'text (default), or markdown: one report (a table of instances, then each one) for a pull request or an issue',
  ).choices(['text', 'markdown']);
}

/** How a command's result reads: as text, and as a section and a one-line outcome of a Markdown report. */
export interface InstanceRender<T> {
  title: string;
  text: (result: T) => string;
  markdown: (result: T) => string;
  outcome: (result: T) => string;
}

/**
 * Writes the results of a run over instances — text, `--json` (`{ exitCode, instances }`), or with `--format
 * markdown` one Markdown report — and sets the worst exit code.
 */
export function reportInstances<T>(
  c: CliContext,
  results: readonly InstanceResult<T>[],
  format: string | undefined,
  render: InstanceRender<T>,
): void {
  const exitCode = worstExit(results.map((r) => r.exitCode));
  if (format === 'markdown') c.io.out(instancesMarkdown(render.title, results, render.markdown, render.outcome));
  else c.result({ exitCode, instances: results }, () => instancesText(results, render.text));
  c.exitCode = exitCode;
}
