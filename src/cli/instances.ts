import { InvalidArgumentError, Option } from 'commander';
import type { DomoAuth } from '../auth/base.js';
import { errorJson } from './errors-json.js';
import type { CliContext } from './context.js';

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
