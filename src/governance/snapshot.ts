import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { fileError } from '../client/errors.js';
import { loadDocument } from './load.js';
import type { Plan } from './plan.js';
import { SpecSchema } from './spec.js';

const names = z.array(z.string().trim().min(1).max(255));
/** Roles and groups that must not exist (created by the apply a snapshot was taken before). */
export const AbsentSchema = z.strictObject({ roles: names, groups: names });

/** A snapshot file: how an instance was, for everything one apply touched. `restore` plans and applies the way back. */
export const SnapshotSchema = z.strictObject({
  format: z.literal('domo-admin-snapshot'),
  version: z.literal(1),
  instance: z.string().trim().min(1),
  /** ISO 8601. */
  takenAt: z.string(),
  /** The state before, as a spec (authoritative where the apply changed a set). */
  spec: SpecSchema,
  /** Roles and groups the apply created: a restore deletes them. */
  absent: AbsentSchema,
});
/** A parsed snapshot file. */
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** The default folder snapshots are written to, relative to the working directory. */
export const SNAPSHOT_DIR = '.domo-admin/snapshots';

/** The snapshot of what `plan` touches, as it was when planned (a saved plan is applied only when that still holds). */
export function takeSnapshot(plan: Plan, takenAt: Date = new Date()): Snapshot {
  return {
    format: 'domo-admin-snapshot',
    version: 1,
    instance: plan.instance,
    takenAt: takenAt.toISOString(),
    spec: { instance: plan.instance, ...plan.before.spec },
    absent: plan.before.absent,
  };
}

/**
 * Writes a snapshot as `<dir>/<takenAt>.json` (never over another file) and returns its path.
 * @example
 * ```ts
 * const file = await saveSnapshot(takeSnapshot(plan), SNAPSHOT_DIR); // .domo-admin/snapshots/2026-12-02T15-30-00.000Z.json
 * ```
 */
export async function saveSnapshot(snapshot: Snapshot, dir: string = SNAPSHOT_DIR): Promise<string> {
  return writeNewJson(dir, snapshot.takenAt.replace(/:/g, '-'), snapshot, 'saveSnapshot');
}

/**
 * Writes `value` as `<dir>/<stem>.json` (or `<stem>-2.json`, … : never over another file), readable by its owner
 * only, creating `dir`; returns the path. File errors are `DomoFileError`s.
 */
export async function writeNewJson(dir: string, stem: string, value: unknown, route: string): Promise<string> {
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw fileError(
      (error as NodeJS.ErrnoException).code === 'EEXIST' ? { code: 'ENOTDIR' } : error,
      dir,
      'the snapshot',
      route,
    );
  });
  const text = `${JSON.stringify(value, null, 2)}\n`;
  for (let n = 1; ; n += 1) {
    const file = join(dir, `${stem}${n === 1 ? '' : `-${n}`}.json`);
    try {
      await writeFile(file, text, { flag: 'wx', mode: 0o600 });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(error, dir, 'the snapshot', route);
    }
  }
}

/**
 * Parses and checks a snapshot file.
 * @throws {DomoSpecError} every problem at once, located
 */
export function loadSnapshot(text: string, options: { file?: string } = {}): Snapshot {
  return loadDocument(SnapshotSchema, text, {
    file: options.file ?? 'snapshot',
    what: 'the snapshot',
    route: 'loadSnapshot',
    format: 'domo-admin-snapshot',
  });
}
