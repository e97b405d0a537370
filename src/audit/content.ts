import type { DomoAuth } from '../auth/base.js';
import { DomoAbortError, DomoAuthError } from '../client/errors.js';
import { DomoApps } from '../classes/app/apps.js';
import { DomoCards } from '../classes/card/cards.js';
import { DomoDatasets } from '../classes/dataset/datasets.js';
import type { CallOptions } from '../classes/entity.js';
import type { DomoList } from '../classes/list.js';
import { SINGLE_OWNER_FAMILIES, type SingleOwnerEntry } from '../classes/owned-families.js';
import { OWNED_KIND, OWNED_LABEL, type OwnedKey } from '../classes/ownership.js';
import { DomoDashboards } from '../classes/page/pages.js';
import type { AuditContent, AuditFailure, AuditPrincipal, AuditUsage } from './types.js';
import { VIEWED_TYPES } from './usage.js';

/** Objects kept per owner (or set of owners) for the orphaned-content finding; the rest are counted. */
export const ORPHANS_KEPT_PER_OWNER = 100;

/** Any object of a content family, as its list answers it: one owner (`ownerId`) or several (`owners`). */
interface Listed {
  id: number | string;
  name: string;
  ownerId?: number | undefined;
  /** An array on cards, pages and apps (a method elsewhere). */
  owners?: unknown;
}

function ownersOf(item: Listed): { type: 'USER' | 'GROUP'; id: number }[] {
  if (Array.isArray(item.owners)) return item.owners as { type: 'USER' | 'GROUP'; id: number }[];
  return item.ownerId === undefined ? [] : [{ type: 'USER', id: item.ownerId }];
}

/** The content types an audit reads the owners of, each with its list (every object, page by page). */
function contentLists(auth: DomoAuth, call: CallOptions): [OwnedKey, () => DomoList<Listed>][] {
  return [
    ['datasets', () => new DomoDatasets(auth).list(call)],
    // Scheduled reports are left out: Domo lists them only page by page, one request per page of the instance.
    ...SINGLE_OWNER_FAMILIES.filter((f) => (f.discovery as SingleOwnerEntry['discovery']).limit !== 'api').map(
      (f): [OwnedKey, () => DomoList<Listed>] => [f.key, () => f.manager(auth).list(call)],
    ),
    ['cards', () => new DomoCards(auth).list(call)],
    ['pages', () => new DomoDashboards(auth).list(call)],
    ['apps', () => new DomoApps(auth).list(call)],
  ];
}

/** What one type's read keeps: per set of owners, how many objects and the first of them. */
interface Tally {
  total: number;
  owners: Map<string, number>;
  bySet: Map<string, { count: number; items: { id: number | string; name: string }[] }>;
  /** Per set of owners, the objects the activity log showed no view of (types judged by views, when it was read). */
  unviewed: Map<string, { count: number; items: { id: number | string; name: string }[] }>;
}

/** Counts `item` under `key`, keeping the first {@link ORPHANS_KEPT_PER_OWNER}. */
function keep<T>(map: Map<string, { count: number; items: T[] }>, key: string, item: T): void {
  const entry = map.get(key) ?? { count: 0, items: [] };
  entry.count += 1;
  if (entry.items.length < ORPHANS_KEPT_PER_OWNER) entry.items.push(item);
  map.set(key, entry);
}

const ownerKey = (o: { type: string; id: number }) => `${o.type}:${o.id}`;

/** Reads one type page by page, keeping only counts per owner and the first objects of each set of owners. */
async function tally(list: DomoList<Listed>, key: OwnedKey, viewed: ReadonlySet<string> | undefined): Promise<Tally> {
  const t: Tally = { total: 0, owners: new Map(), bySet: new Map(), unviewed: new Map() };
  const judged = viewed !== undefined && VIEWED_TYPES[key] !== undefined;
  for await (const page of list.pages()) {
    for (const item of page) {
      t.total += 1;
      const owners = ownersOf(item);
      for (const o of owners) t.owners.set(ownerKey(o), (t.owners.get(ownerKey(o)) ?? 0) + 1);
      const set = owners.map(ownerKey).sort().join(',');
      keep(t.bySet, set, { id: item.id, name: item.name });
      if (judged && !viewed.has(`${key}:${item.id}`)) keep(t.unviewed, set, { id: item.id, name: item.name });
    }
  }
  return t;
}

/**
 * The owners of every content type — datasets, dataflows, beast modes, AppDB collections, alerts, workflows, Code
 * Engine packages, Jupyter workspaces, filesets, cards, pages, apps; not scheduled reports, which Domo lists only one
 * page at a time — read one type after another (with several at once the pages in flight made peak memory grow with
 * the instance), page by page, keeping only counts per owner and, per set of owners, the first
 * {@link ORPHANS_KEPT_PER_OWNER} objects: memory follows the owners, not the objects. A type whose read fails is
 * listed in `failures` and marked `incomplete`.
 */
export async function readContentOwners(
  auth: DomoAuth,
  call: CallOptions,
  hooks: { onRequest: () => void; failures: AuditFailure[]; viewed?: ReadonlySet<string> | undefined },
): Promise<{ key: OwnedKey; tally: Tally | undefined }[]> {
  const results: { key: OwnedKey; tally: Tally | undefined }[] = [];
  for (const [key, list] of contentLists(auth, { ...call, onRequest: hooks.onRequest })) {
    try {
      results.push({ key, tally: await tally(list(), key, hooks.viewed) });
    } catch (error) {
      if (error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
      hooks.failures.push({
        section: 'content',
        name: key,
        error: error instanceof Error ? error.message : String(error),
      });
      results.push({ key, tally: undefined });
    }
  }
  return results;
}

/** The model's content section from what was read: per type, its owners and its orphaned objects. */
export function contentSection(
  read: { key: OwnedKey; tally: Tally | undefined }[],
  gone: (userId: number) => boolean,
  name: (p: { type: 'USER' | 'GROUP'; id: number }) => string,
): AuditContent[] {
  return read.map(({ key, tally: t }) => {
    const base = { type: key, label: OWNED_LABEL[OWNED_KIND[key]] };
    if (!t) return { ...base, total: 0, owners: [], orphaned: [], orphanCount: 0, incomplete: true as const };
    const owners: (AuditPrincipal & { count: number })[] = [...t.owners].map(([k, count]) => {
      const [type, id] = k.split(':') as ['USER' | 'GROUP', string];
      const p = { type, id: Number(id) };
      return { ...p, name: name(p), count };
    });
    owners.sort((a, b) => b.count - a.count || a.id - b.id);
    const orphaned: AuditContent['orphaned'] = [];
    let orphanCount = 0;
    for (const [set, entry] of t.bySet) {
      const ids = set === '' ? [] : set.split(',');
      // Orphaned: owned, and only by users who are deleted or inactive (a group owner keeps it managed).
      if (ids.length === 0 || !ids.every((k) => k.startsWith('USER:') && gone(Number(k.slice(5))))) continue;
      orphanCount += entry.count;
      const by = ids.map((k) => Number(k.slice(5)));
      orphaned.push(...entry.items.map((item) => ({ ...item, owners: by })));
    }
    return { ...base, total: t.total, owners, orphaned, orphanCount };
  });
}

/** Distinct users who own something in `read` (to read whether they are active). */
export function contentUserOwners(read: { tally: Tally | undefined }[]): number[] {
  const ids = new Set<number>();
  for (const { tally: t } of read)
    for (const key of t?.owners.keys() ?? []) if (key.startsWith('USER:')) ids.add(Number(key.slice(5)));
  return [...ids];
}

/**
 * The usage section's part that comes from the content read: objects owned only by live users (no group) that
 * nobody viewed in the window (first 100 per set of owners).
 */
export function contentUsage(
  read: { key: OwnedKey; tally: Tally | undefined }[],
  gone: (userId: number) => boolean,
): Pick<AuditUsage, 'unviewed' | 'unviewedCount'> {
  const unviewed: AuditUsage['unviewed'] = [];
  let unviewedCount = 0;
  for (const { key, tally: t } of read)
    for (const [set, entry] of t?.unviewed ?? []) {
      const ids = set === '' ? [] : set.split(',');
      if (ids.length === 0 || !ids.every((k) => k.startsWith('USER:') && !gone(Number(k.slice(5))))) continue;
      unviewedCount += entry.count;
      const owners = ids.map((k) => Number(k.slice(5)));
      unviewed.push(...entry.items.map((item) => ({ type: key, ...item, owners })));
    }
  return { unviewed, unviewedCount };
}
