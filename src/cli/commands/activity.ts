import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { DomoActivityLog } from '../../classes/activity/activity-log.js';
import type { ActivityHarvest, ActivityEvent, FailedChunk, HarvestResult } from '../../classes/activity/harvest.js';
import { resolveUserIds } from '../../classes/people.js';
import { DomoFileError, DomoInputError, fileError } from '../../client/errors.js';
import { csvRow } from '../../audit/csv.js';
import type { CliContext } from '../context.js';
import { activityEventJson, type ActivityExportJson } from '../kinds.js';
import { dateOption, integerOption, userArgument } from '../options.js';
import { progressBar } from '../progress.js';
import { registerHistory } from './history.js';

/** The columns of an export, in order: a `.csv` file's header and each `.jsonl` line's keys. */
const COLUMNS = [
  'time',
  'userId',
  'userName',
  'actionType',
  'objectType',
  'objectId',
  'objectName',
  'eventText',
  'additionalComment',
] as const;

/** Characters written at once: lines are gathered, not written one by one. */
const WRITE_BATCH = 64 * 1024;

/** What `--resume` reads: the chunks that failed, and the export they belong to. */
interface FailedFile {
  formatVersion: 1;
  instance: string;
  out: string;
  eventType: string | null;
  users: number[] | null;
  failed: FailedChunk[];
}

interface ExportOptions {
  from?: string;
  to?: string;
  type?: string[];
  out: string;
  user?: string[];
  event?: string;
  concurrency?: number;
  chunkDays?: number;
  resume?: boolean;
}

/** `domo-admin activity types | export` and `domo-admin history` */
export function registerActivity(program: Command, ctx: () => CliContext): void {
  const activity = program.command('activity').description('the activity log: types, export (harvested by day)');
  activity
    .command('types')
    .description('the object types the log can be asked for')
    .action(async () => {
      const c = ctx();
      const types = await new DomoActivityLog(await c.auth()).objectTypes();
      c.result({ objectTypes: types }, () => `${types.join('\n')}\n`);
    });
  activity
    .command('export')
    .description(
      'write the log of a window to .jsonl or .csv: day chunks, 8 at once, each retried; failed chunks are saved for --resume',
    )
    .option('--from <date>', 'start: 2026-03-01, an ISO time, or days back (90d)', dateOption('--from'))
    .option('--to <date>', 'end (exclusive; default now)', dateOption('--to'))
    .option('--type <types...>', 'object types (CARD PAGE DATA_SOURCE USER …; default every type the log knows)')
    .requiredOption('--out <file>', 'the file to write: .jsonl (one event a line) or .csv')
    .option('--user <users...>', 'only these actors (ids or emails)', collectUsers)
    .option('--event <type>', 'only this event (VIEWED, LOGGEDIN, …)')
    .option('--concurrency <n>', 'calls at once (default 8)', integerOption('--concurrency', 1))
    .option('--chunk-days <n>', 'days per call (default 1)', integerOption('--chunk-days', 1))
    .option('--resume', 'read again only the chunks that failed last time (from <out>.failed.json) and append them')
    .action(async (options: ExportOptions) => exportActivity(ctx(), options));
  registerHistory(program, ctx);
}

function collectUsers(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean).map(userArgument('--user'))];
}

async function exportActivity(c: CliContext, options: ExportOptions): Promise<void> {
  const format = formatOf(options.out);
  const auth = await c.auth();
  const log = new DomoActivityLog(auth);
  const failedPath = `${options.out}.failed.json`;
  const resume = options.resume ? await readFailed(failedPath, auth.instance) : undefined;
  const users = resume
    ? (resume.users ?? undefined)
    : options.user
      ? await resolveUserIds(auth, options.user)
      : undefined;
  const eventType = resume ? (resume.eventType ?? undefined) : options.event;
  const bar = await progressBar(c, 'activity {bar} {value}/{total} chunks | {events} events | {failed} failed');
  const harvest = log.events({
    ...(resume ? { from: 0, types: [], only: resume.failed } : await window(log, options)),
    users,
    eventType,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    onProgress: (p) => bar?.update(p.done, { events: p.events, failed: p.failed }),
  });
  const types = new Set(harvest.chunks.map((chunk) => chunk.objectType));
  c.note(
    `reading ${harvest.chunks.length} chunk(s) of the activity log (${types.size} object type(s), one call each per day), ${options.concurrency ?? 8} at once`,
  );
  bar?.start(harvest.chunks.length, 0, { events: 0, failed: 0 });
  let written: number;
  try {
    written = await writeHarvest(harvest, options.out, format, Boolean(resume));
  } finally {
    bar?.stop();
  }
  const result = harvest.result!;
  const failedFile = await saveFailed(failedPath, result, {
    instance: auth.instance,
    out: options.out,
    eventType: eventType ?? null,
    users: users ?? null,
  });
  report(c, options.out, written, result, failedFile);
}

/** Prints what was written; the failed chunks (not in the file) and how to read them again, with exit 3. */
function report(c: CliContext, out: string, written: number, result: HarvestResult, failedFile: string | null): void {
  const json: ActivityExportJson = {
    out: out,
    events: written,
    chunks: result.chunks,
    complete: result.complete,
    failed: result.failed.map((f) => ({
      label: f.label,
      objectType: f.objectType,
      from: new Date(f.from).toISOString(),
      to: new Date(f.to).toISOString(),
      error: f.error,
    })),
    failedFile,
  };
  if (!result.complete) {
    c.note(
      `! ${result.failed.length} of ${result.chunks} chunks failed; their events are NOT in ${out} (a missing chunk looks exactly like inactivity):`,
    );
    for (const f of result.failed.slice(0, 10)) c.note(`  ${f.label}: ${f.error}`);
    c.note(`  read them again with: domo-admin activity export --out ${out} --resume`);
    c.exitCode = 3;
  }
  c.result(
    json,
    () =>
      `${result.complete ? '✓' : '!'} wrote ${written} events from ${result.chunks - result.failed.length} of ${result.chunks} chunks to ${out}\n`,
  );
}

/** Writes the failed chunks for `--resume` (or removes the file once nothing failed); its path, or null. */
async function saveFailed(
  path: string,
  result: HarvestResult,
  about: Omit<FailedFile, 'formatVersion' | 'failed'>,
): Promise<string | null> {
  if (result.complete) {
    await rm(path, { force: true });
    return null;
  }
  const saved: FailedFile = { formatVersion: 1, ...about, failed: result.failed };
  await writeFile(path, `${JSON.stringify(saved, null, 2)}\n`).catch((error: unknown) => {
    throw fileError(error, path, 'the failed chunks');
  });
  return path;
}

function formatOf(out: string): 'jsonl' | 'csv' {
  const ext = extname(out).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  throw new DomoInputError(`--out must end in .jsonl or .csv, got ${JSON.stringify(out)}`, { field: 'out' });
}

async function window(
  log: DomoActivityLog,
  options: ExportOptions,
): Promise<{ from: number; to?: number; types: string[]; chunkDays?: number }> {
  if (options.from === undefined)
    throw new DomoInputError('give --from (a date, or days back such as 90d), or --resume', { field: 'from' });
  const types = options.type?.flatMap((t) => t.split(',')).filter(Boolean) ?? (await log.objectTypes());
  return {
    from: options.from as unknown as number,
    ...(options.to === undefined ? {} : { to: options.to as unknown as number }),
    types,
    ...(options.chunkDays === undefined ? {} : { chunkDays: options.chunkDays }),
  };
}

async function readFailed(path: string, instance: string): Promise<FailedFile> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new DomoInputError(
      `nothing to resume: ${path} does not exist (the last export was complete, or wrote elsewhere)`,
      {
        field: 'resume',
      },
    );
  });
  const saved = JSON.parse(text) as Partial<FailedFile>;
  if (saved.formatVersion !== 1 || !Array.isArray(saved.failed))
    throw new DomoInputError(`${path} is not a failed-chunks file of domo-admin`, { field: 'resume' });
  if (saved.instance !== instance)
    throw new DomoInputError(`${path} is for instance ${saved.instance}, not ${instance}: nothing read`, {
      field: 'resume',
    });
  return saved as FailedFile;
}

/** Streams the harvest to the file, honouring back-pressure; a new export never overwrites a file. */
async function writeHarvest(
  harvest: ActivityHarvest,
  out: string,
  format: 'jsonl' | 'csv',
  append: boolean,
): Promise<number> {
  const stream = createWriteStream(out, { flags: append ? 'a' : 'wx' });
  await opened(stream, out, append);
  let written = 0;
  let pending = format === 'csv' && !append ? csvRow(COLUMNS) : '';
  try {
    for await (const event of harvest) {
      pending += line(event, format);
      written += 1;
      if (pending.length >= WRITE_BATCH) {
        await put(stream, pending);
        pending = '';
      }
    }
  } finally {
    stream.end(pending); // what was read is written, even when the harvest stopped with an error
    await once(stream, 'close').catch(() => undefined);
  }
  return written;
}

function line(event: ActivityEvent, format: 'jsonl' | 'csv'): string {
  const json = activityEventJson(event);
  return format === 'jsonl' ? `${JSON.stringify(json)}\n` : csvRow(COLUMNS.map((key) => json[key] ?? ''));
}

async function put(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function opened(stream: WriteStream, out: string, append: boolean): Promise<void> {
  try {
    await once(stream, 'open');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new DomoFileError(
        `cannot write the export: ${out} exists and was not overwritten; remove it or write elsewhere (--resume appends the chunks that failed last time)`,
        out,
        'EEXIST',
      );
    throw fileError(error, out, append ? 'the export (resumed)' : 'the export');
  }
}
