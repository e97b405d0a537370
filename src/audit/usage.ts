import type { DomoAuth } from '../auth/base.js';
import { DomoAbortError, DomoAuthError } from '../client/errors.js';
import { DomoActivityLog } from '../classes/activity/activity-log.js';
import type { CallOptions } from '../classes/entity.js';
import { DomoDatasets } from '../classes/dataset/datasets.js';
import { mapConcurrent } from '../client/concurrency.js';
import type { OwnedKey } from '../classes/ownership.js';
import { DAY_MS } from '../internal/days.js';
import type { AuditFailure, AuditUsage, AuditUser } from './types.js';

/** How the audit reads usage from the activity log. */
export interface UsageOptions {
  /** Days of the log read: what "not viewed in N days" means, and the furthest back a user can be seen. @default 180 */
  days?: number;
  /** Days per call of the log (one object type per call). @default 7 */
  chunkDays?: number;
  /** Calls of the log at once. @default 8 */
  concurrency?: number;
}

/** The log's object type of each content type the audit judges by views. */
export const VIEWED_TYPES: Readonly<Partial<Record<OwnedKey, string>>> = Object.freeze({
  datasets: 'DATA_SOURCE',
  cards: 'CARD',
  pages: 'PAGE',
});

/** What the usage read found: who was seen last when, and which content was viewed. */
export interface UsageRead {
  usage: Omit<AuditUsage, 'unviewed' | 'unviewedCount' | 'accountRuns'>;
  /** Last event per user in the window, epoch ms. */
  lastSeen: Map<number, number>;
  /** `datasets:<id>`, `cards:<id>`, `pages:<id>` of everything viewed in the window. */
  viewed: Set<string>;
  failure?: AuditFailure;
}

/**
 * Reads the activity log of the last `days` for sign-ins (`USER`) and views (`CARD`, `PAGE`, `DATA_SOURCE`), in
 * chunks, a few at once, each retried. A chunk that still fails makes the usage incomplete (and the audit with it):
 * a missing chunk looks exactly like inactivity, so nothing is judged inactive from the log then. A caller who may
 * not read the log (`admin.audit.view`) gets the same, with the reason.
 */
export async function readUsage(
  auth: DomoAuth,
  call: CallOptions,
  options: UsageOptions,
  onRequest: () => void,
): Promise<UsageRead> {
  const days = options.days ?? 180;
  const to = Date.now();
  const from = to - days * DAY_MS;
  const lastSeen = new Map<number, number>();
  const viewed = new Set<string>();
  const byType = new Map(Object.entries(VIEWED_TYPES).map(([key, type]) => [type, key]));
  const base = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), days };
  try {
    const harvest = new DomoActivityLog(auth).events({
      ...call,
      onRequest,
      from,
      to,
      types: ['USER', ...byType.keys()],
      chunkDays: options.chunkDays ?? 7,
      concurrency: options.concurrency ?? 8,
    });
    let events = 0;
    for await (const event of harvest) {
      events += 1;
      if (event.userId !== null && event.time > (lastSeen.get(event.userId) ?? 0))
        lastSeen.set(event.userId, event.time);
      const key = byType.get(event.objectType);
      if (key && event.actionType === 'VIEWED' && event.objectId) viewed.add(`${key}:${event.objectId}`);
    }
    const result = harvest.result!;
    const usage = { ...base, complete: result.complete, failedChunks: result.failed.map((f) => f.label), events };
    return {
      usage,
      lastSeen,
      viewed,
      ...(result.complete
        ? {}
        : {
            failure: {
              section: 'activity',
              name: 'activity log',
              error: `${result.failed.length} of ${result.chunks} chunks of the log could not be read (${result.failed[0]?.error ?? ''})`,
            },
          }),
    };
  } catch (error) {
    if (error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return {
      usage: { ...base, complete: false, failedChunks: [], events: 0 },
      lastSeen: new Map(),
      viewed: new Set(),
      failure: { section: 'activity', name: 'activity log', error: message },
    };
  }
}

/**
 * Joins the log into the users: `lastSeen` is the last event the log showed, and `lastActivity` the later of it and
 * Domo's attribute. An event seen is real even when some chunks failed: a partial read can make someone look idler
 * than they are, never busier — which is why the findings judge nobody inactive from the log unless it was read whole.
 */
export function joinLastSeen(users: AuditUser[], read: UsageRead): void {
  for (const user of users) {
    const seen = read.lastSeen.get(user.id) ?? null;
    user.lastSeen = seen;
    if (seen !== null && seen > (user.lastActivity ?? 0)) user.lastActivity = seen;
  }
}

/** Datasets kept per account in the usage section (all are counted). */
const RUNS_KEPT = 100;

/**
 * When each credential account's datasets last ran: one read of the datasets each account loads, 16 at once. An
 * account whose read fails is listed in `failures` (the audit is then incomplete) and left out.
 */
export async function readAccountRuns(
  auth: DomoAuth,
  call: CallOptions,
  accountIds: readonly number[],
  onRequest: () => void,
  failures: AuditFailure[],
): Promise<AuditUsage['accountRuns']> {
  const datasets = new DomoDatasets(auth);
  const iso = (date: Date | undefined) => (date ? date.toISOString() : null);
  const results = await mapConcurrent(accountIds, 16, (id) => datasets.usedByAccount(id, { ...call, onRequest }));
  const runs: AuditUsage['accountRuns'] = [];
  for (const result of results) {
    if (!result.ok) {
      if (result.error instanceof DomoAuthError || result.error instanceof DomoAbortError) throw result.error;
      failures.push({
        section: 'accounts',
        id: result.item,
        error: `its datasets could not be read: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
      });
      continue;
    }
    if (result.value.length === 0) continue;
    const times = result.value.flatMap((d) => (d.lastUpdated ? [d.lastUpdated.getTime()] : []));
    runs.push({
      accountId: result.item,
      datasets: result.value.length,
      lastRun: times.length === 0 ? null : new Date(Math.max(...times)).toISOString(),
      sample: result.value.slice(0, RUNS_KEPT).map((d) => ({ id: d.id, name: d.name, lastRun: iso(d.lastUpdated) })),
    });
  }
  return runs;
}
