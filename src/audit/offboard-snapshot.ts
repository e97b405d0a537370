import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { OWNED_KIND, type OwnedThing, type RecipientHad } from '../classes/ownership.js';
import { loadDocument } from '../governance/load.js';
import { AccessToRemoveSchema } from './remove-access.js';
import { SNAPSHOT_DIR, writeNewJson } from '../governance/snapshot.js';
import type { OffboardingPlan } from './offboard.js';

const FORMAT = 'domo-admin-offboarding-snapshot';
const KINDS = [...new Set(Object.values(OWNED_KIND))] as [OwnedThing['kind'], ...OwnedThing['kind'][]];

const principal = z.looseObject({
  type: z.enum(['USER', 'GROUP']),
  id: z.number().int().positive(),
  label: z.string(),
});

/**
 * How an offboarding left things, written as it runs: what moved to whom (and what the new owner had of it before),
 * the access removed. `restore` hands it back. An object is listed once its hand-over began: a restore reads each one
 * again and hands back only what the new owner still holds.
 */
export const OffboardingSnapshotSchema = z.looseObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  instance: z.string().trim().min(1),
  /** ISO 8601: when the offboarding began. */
  takenAt: z.string(),
  user: z.looseObject({ id: z.number().int().positive(), email: z.string(), name: z.string() }),
  moved: z.array(
    z.looseObject({
      kind: z.enum(KINDS),
      id: z.union([z.number().int().positive(), z.string().min(1)]),
      name: z.string(),
      to: principal,
      /** What the new owner had of it before: an access level, `owner`, or `null`. */
      recipientHad: z.string().nullable(),
    }),
  ),
  /** Group memberships and direct credential shares `--remove-access` took away (or began to). */
  removedAccess: AccessToRemoveSchema,
  /** What a restore cannot take back, as sentences (input datasets shared with a dataflow's new owner, ended sessions). */
  notUndone: z.array(z.string()),
  /** The user was deleted: nothing can be handed back to them. */
  deleted: z.boolean(),
});
/** A parsed offboarding snapshot. */
export type OffboardingSnapshot = z.infer<typeof OffboardingSnapshotSchema>;

/** One object handed over, as a snapshot lists it. */
export type OffboardingMove = OffboardingSnapshot['moved'][number];

/** An empty snapshot for `plan`, to pass to `executeOffboarding` (`{ snapshot }`), which fills it in as it goes. */
export function offboardingSnapshot(plan: OffboardingPlan, takenAt: Date = new Date()): OffboardingSnapshot {
  return {
    format: FORMAT,
    version: 1,
    instance: plan.instance,
    takenAt: takenAt.toISOString(),
    user: { id: plan.user.id, email: plan.user.email, name: plan.user.name },
    moved: [],
    removedAccess: { groups: [], shares: [] },
    notUndone: [],
    deleted: false,
  };
}

/** Records one object whose hand-over is beginning (what the new owner had of it: `recipientHad`). */
export function recordMove(
  snapshot: OffboardingSnapshot,
  thing: OwnedThing,
  to: OffboardingPlan['to'],
  recipientHad: RecipientHad,
): void {
  snapshot.moved.push({ kind: thing.kind, id: thing.id, name: thing.name, to: { ...to }, recipientHad });
}

/**
 * Writes an offboarding snapshot as `<dir>/offboarding-<user id>-<takenAt>.json` (never over another file) and
 * returns its path; `domo-admin restore <file>` hands everything back.
 */
export async function saveOffboardingSnapshot(
  snapshot: OffboardingSnapshot,
  dir: string = SNAPSHOT_DIR,
): Promise<string> {
  const stem = `offboarding-${snapshot.user.id}-${snapshot.takenAt.replace(/:/g, '-')}`;
  return writeNewJson(dir, stem, snapshot, 'saveOffboardingSnapshot');
}

/**
 * Parses and checks an offboarding snapshot file.
 * @throws {DomoSpecError} every problem at once, located
 */
export function loadOffboardingSnapshot(text: string, options: { file?: string } = {}): OffboardingSnapshot {
  return loadDocument(OffboardingSnapshotSchema, text, {
    file: options.file ?? 'snapshot',
    what: 'the offboarding snapshot',
    route: 'loadOffboardingSnapshot',
    format: FORMAT,
  });
}

/**
 * The users of `instance` offboarded already, from the offboarding snapshots in `dir` (the audit's
 * `token-owner-offboarded` finding: a token such a user still owns acts as them). A folder that does not exist is
 * none; a file that is not a readable snapshot is skipped.
 */
export async function offboardedUsers(instance: string, dir: string = SNAPSHOT_DIR): Promise<number[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const ids = new Set<number>();
  for (const file of files.filter((f) => /^offboarding-\d+-.*\.json$/.test(f))) {
    try {
      const snapshot = loadOffboardingSnapshot(await readFile(join(dir, file), 'utf8'), { file });
      if (snapshot.instance.toLowerCase() === instance.toLowerCase()) ids.add(snapshot.user.id);
    } catch {
      // Not a snapshot this version reads: it names nobody.
    }
  }
  return [...ids];
}
