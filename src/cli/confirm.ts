import { DomoInputError } from '../client/errors.js';
import type { CliContext } from './context.js';

/**
 * What a write will change, shown before anything is sent, in the words of a plan: a title, and one line per
 * change starting `+` (added), `~` (changed) or `−` (removed).
 */
export interface WritePreview {
  title: string;
  changes: string[];
}

/** The line a terminal asks consent with; the answer must be exactly `yes`. */
export const CONFIRM_QUESTION = 'Type yes to apply: ';

/**
 * The one consent step of every command that removes, replaces, deletes, revokes or transfers: shows the preview on
 * standard error, then goes ahead with `--yes` (or in a `--dry-run`, which sends nothing); in a terminal asks
 * {@link CONFIRM_QUESTION}; anywhere else refuses. A refusal is a `DomoInputError` (exit 1) and nothing was sent.
 * @returns `false` when there is nothing to change (the caller sends nothing), else `true`
 */
export async function confirmWrite(c: CliContext, preview: WritePreview): Promise<boolean> {
  if (preview.changes.length === 0) return false;
  c.previewed = true;
  c.note([preview.title, ...preview.changes.map((line) => `  ${line}`)].join('\n'));
  await consent(c, 'nothing was changed: review the change above, then run again with --yes');
  return true;
}

/**
 * The preview of a write that only adds (grants, a new share, members): nothing to consent to, so it is shown only in
 * a `--dry-run`, where it is what the dry run says would change.
 */
export function showWrite(c: CliContext, preview: WritePreview): void {
  if (!c.options.dryRun || preview.changes.length === 0) return;
  c.previewed = true;
  c.note([preview.title, ...preview.changes.map((line) => `  ${line}`)].join('\n'));
}

/**
 * Consent for what was just shown: `--yes` or a dry run go ahead; a terminal is asked; anywhere else `refusal`
 * (with a word on why `--yes` is needed) is thrown.
 */
export async function consent(c: CliContext, refusal: string): Promise<void> {
  if (c.options.yes || c.options.dryRun) return;
  if (!c.io.interactive) throw new DomoInputError(`${refusal} (needed when not in a terminal)`, { field: 'yes' });
  const answer = await c.io.ask(CONFIRM_QUESTION);
  if (answer.trim() !== 'yes') throw new DomoInputError('nothing was changed: not confirmed', { field: 'yes' });
}

/** `+ a`, `+ b` lines for added items, `− c` for removed ones, `~ d` for changed ones, in that order. */
export function changeLines(
  added: readonly string[],
  removed: readonly string[],
  changed: readonly string[] = [],
): string[] {
  return [...added.map((a) => `+ ${a}`), ...changed.map((c) => `~ ${c}`), ...removed.map((r) => `− ${r}`)];
}
