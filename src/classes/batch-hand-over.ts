import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoNotFoundError, DomoValidationError } from '../client/errors.js';
import { reassignDatasets } from '../routes/dataset/core.js';
import type { PrincipalRef } from '../routes/group/members.js';
import { APP_OWNER_WRITES, DomoApp } from './app/app.js';
import { CARD_OWNER_WRITES } from './card/card.js';
import { DomoCards } from './card/cards.js';
import type { DomoSharedContent, OwnerWrites } from './content.js';
import { checkHandedOver } from './dataset/dataset.js';
import { DomoDatasets } from './dataset/datasets.js';
import type { CallOptions } from './entity.js';
import type { HandOverContext, SingleOwnerEntry } from './owned-families.js';
import { DomoDashboard, PAGE_OWNER_WRITES } from './page/page.js';
import { handOverProblems, keptFields, type DomoOwnedObject } from './single-owner.js';

/** Objects of one shared-ownership kind handed over in one batch, at most (a card read takes 50 ids). */
export const SHARED_HAND_OVER_BATCH = 50;

/** Told per object of a batch (by its index in `ids`): what `to` had before, and that it moved (read back). */
export interface BatchHooks {
  seen(index: number, recipientHad: 'owner' | null): void;
  finished(index: number): void;
  /** What took effect for the batch so far, for an exact partial report. */
  partly(done: string): void;
}

const KINDS: Record<'card' | 'page' | 'app', { writes: OwnerWrites; read: ReadMany }> = {
  card: {
    writes: CARD_OWNER_WRITES,
    read: async (auth, ids, call) => (await new DomoCards(auth).getMany(ids, call)).cards,
  },
  page: {
    writes: PAGE_OWNER_WRITES,
    read: (auth, ids, call) => readEach(ids, (id) => DomoDashboard.get(auth, id, call)),
  },
  app: { writes: APP_OWNER_WRITES, read: (auth, ids, call) => readEach(ids, (id) => DomoApp.get(auth, id, call)) },
};

type ReadMany = (auth: DomoAuth, ids: readonly number[], call: CallOptions) => Promise<DomoSharedContent[]>;

/** Objects of a batch read at once, at most. */
const READS_IN_FLIGHT = 8;

/** Reads each (8 at a time); one that is gone is left out. */
async function readEach(
  ids: readonly number[],
  read: (id: number) => Promise<DomoSharedContent>,
): Promise<DomoSharedContent[]> {
  const found = await mapAll(ids, READS_IN_FLIGHT, (id) =>
    read(id).catch((error: unknown) => {
      if (error instanceof DomoNotFoundError) return undefined;
      throw error;
    }),
  );
  return found.filter((thing): thing is DomoSharedContent => thing !== undefined);
}

/**
 * Hands up to {@link SHARED_HAND_OVER_BATCH} cards, pages or apps from a user to `to` (a user or a group) at once:
 * one read of them all (cards; pages and apps one each), `to` added to those that lack it in one write, the user
 * removed from them all in another, one read back — each object then checked (`to` an owner, the user gone, the
 * title unchanged) and told `finished`. One the user no longer owns, one that is gone, or one the read-back does not
 * show moved is not finished: the batch throws naming them, after the others moved.
 * @throws {DomoValidationError} objects of the batch that did not move, named
 */
export async function handOverSharedBatch(
  auth: DomoAuth,
  kind: 'card' | 'page' | 'app',
  ids: readonly number[],
  fromUserId: number,
  to: PrincipalRef,
  call: CallOptions,
  hooks: BatchHooks,
): Promise<void> {
  const { writes, read } = KINDS[kind];
  const same = (o: { type: string; id: number }, p: { type: string; id: number }) => o.type === p.type && o.id === p.id;
  const from = { type: 'USER' as const, id: fromUserId };
  const before = new Map((await read(auth, ids, call)).map((thing) => [thing.id, thing]));
  const problems: string[] = [];
  const moving: number[] = [];
  ids.forEach((id, index) => {
    const thing = before.get(id);
    const owns = (p: { type: string; id: number }) => thing?.owners.some((o) => same(o, p)) === true;
    if (!thing) problems.push(`${kind} ${id}: not found`);
    else if (!owns(from) && !owns(to)) problems.push(`${kind} ${id}: not owned by user ${fromUserId} now; left alone`);
    else {
      hooks.seen(index, owns(to) ? 'owner' : null);
      moving.push(id);
    }
  });
  const lacking = moving.filter((id) => !before.get(id)!.owners.some((o) => same(o, to)));
  if (lacking.length > 0) {
    await writes.add(auth, lacking, [to], call);
    hooks.partly(`${kind}s ${lacking.join(', ')}: ${to.type.toLowerCase()} ${to.id} added as an owner`);
  }
  const holding = moving.filter((id) => before.get(id)!.owners.some((o) => same(o, from)));
  if (holding.length > 0) await writes.remove(auth, holding, [from], call);
  const after = new Map((await read(auth, moving, call)).map((thing) => [thing.id, thing]));
  ids.forEach((id, index) => {
    if (!moving.includes(id)) return;
    const now = after.get(id);
    const wrong = !now
      ? 'gone when read back'
      : !now.owners.some((o) => same(o, to))
        ? `${to.type.toLowerCase()} ${to.id} is not an owner`
        : now.owners.some((o) => same(o, from))
          ? `user ${fromUserId} is still an owner`
          : now.title !== before.get(id)!.title
            ? `the title changed to ${JSON.stringify(now.title)}`
            : '';
    if (wrong) problems.push(`${kind} ${id}: the read-back after the transfer: ${wrong}`);
    else hooks.finished(index);
  });
  if (problems.length > 0) throw new DomoValidationError(problems.join('; '), { route: 'handOver' });
}

/**
 * Hands up to 50 datasets (one reassign takes 50) from a user to another user at once: one bulk read, one
 * reassign of those the user still owns, one bulk read back — each then checked (the new owner shows, name and
 * account unchanged) and told `finished`. One someone else took since the plan, or one that is gone, is left alone:
 * the batch throws naming it, after the others moved.
 * @throws {DomoValidationError} datasets of the batch that did not move, named
 */
export async function handOverDatasetBatch(
  auth: DomoAuth,
  ids: readonly string[],
  fromUserId: number,
  toUserId: number,
  call: CallOptions,
  hooks: BatchHooks,
): Promise<void> {
  const datasets = new DomoDatasets(auth);
  const before = new Map((await datasets.getMany(ids, call)).datasets.map((d) => [d.id.toLowerCase(), d]));
  const problems: string[] = [];
  const moving: string[] = [];
  ids.forEach((id, index) => {
    const dataset = before.get(id.toLowerCase());
    if (!dataset) problems.push(`dataset ${id}: not found`);
    else if (dataset.ownerId !== fromUserId && dataset.ownerId !== toUserId)
      problems.push(`dataset ${id}: owned by user ${dataset.ownerId ?? 'none'} now, not ${fromUserId}; left alone`);
    else {
      hooks.seen(index, null);
      moving.push(id);
    }
  });
  const reassigning = moving.filter((id) => before.get(id.toLowerCase())!.ownerId !== toUserId);
  if (reassigning.length > 0) await reassignDatasets(auth, reassigning, toUserId, call);
  const after = new Map((await datasets.getMany(moving, call)).datasets.map((d) => [d.id.toLowerCase(), d]));
  ids.forEach((id, index) => {
    if (!moving.includes(id)) return;
    const now = after.get(id.toLowerCase());
    try {
      if (!now) throw new DomoValidationError(`dataset ${id}: gone when read back`, { route: 'handOver' });
      checkHandedOver(now, before.get(id.toLowerCase())!, toUserId);
      hooks.finished(index);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  });
  if (problems.length > 0) throw new DomoValidationError(problems.join('; '), { route: 'handOver' });
}

/**
 * Hands up to `family.batch` objects of a single-owner family Domo moves in bulk (dataflows, beast modes) from a
 * user to another user: each read (the lock check: one someone else took since the plan, or one that is gone, is left
 * alone), one write for those the user still owns, each read back — the new owner shows, the name and the family's
 * stable fields unchanged — then what the family does after a hand-over (a dataflow's inputs shared), and told
 * `finished`. The batch throws naming what did not move, after the others moved.
 * @throws {DomoValidationError} objects of the batch that did not move, named
 */
export async function handOverSingleBatch(
  auth: DomoAuth,
  entry: SingleOwnerEntry,
  ids: readonly (number | string)[],
  fromUserId: number,
  toUserId: number,
  call: CallOptions,
  hooks: BatchHooks & HandOverContext & { besides?(done: string): void },
): Promise<void> {
  const family = entry.type.family;
  const label = (i: number) => `${family.label} ${ids[i]}`;
  const things = ids.map((id) => entry.type.hydrate(auth, { id }));
  const problems: string[] = [];
  const found = await refreshEach(things, call);
  const kept = new Map<number, Record<string, string>>();
  ids.forEach((_, i) => {
    const owner = things[i]!.ownerId;
    if (!found[i]) problems.push(`${label(i)}: not found`);
    else if (owner !== fromUserId && owner !== toUserId)
      problems.push(`${label(i)}: owned by user ${owner ?? 'none'} now, not ${fromUserId}; left alone`);
    else {
      hooks.seen(i, null);
      kept.set(i, keptFields(things[i]!));
    }
  });
  const moving = [...kept.keys()];
  const writing = moving.filter((i) => things[i]!.ownerId !== toUserId);
  if (writing.length > 0) {
    await family.writeMany!(
      auth,
      writing.map((i) => things[i]!.raw as Record<string, unknown>),
      toUserId,
      call,
    );
    hooks.partly(`${family.label}s ${writing.map((i) => ids[i]).join(', ')}: written to be user ${toUserId}'s`);
  }
  const back = await refreshEach(
    moving.map((i) => things[i]!),
    call,
  );
  for (const [k, i] of moving.entries()) {
    const wrong = back[k] ? handOverProblems(things[i]!, kept.get(i)!, toUserId) : ['gone when read back'];
    if (wrong.length > 0) problems.push(`${label(i)}: the read-back after the transfer: ${wrong.join('; ')}`);
    else await afterHandOver(entry, things[i]!, toUserId, call, { ...hooks, label: label(i), index: i });
  }
  if (problems.length > 0) throw new DomoValidationError(problems.join('; '), { route: 'handOver' });
}

/** Reads each again (8 at a time): whether it was found. */
function refreshEach(things: readonly DomoOwnedObject[], call: CallOptions): Promise<boolean[]> {
  return mapAll(things, READS_IN_FLIGHT, (thing) =>
    thing.refresh(call).then(
      () => true,
      (error: unknown) => {
        if (error instanceof DomoNotFoundError) return false;
        throw error;
      },
    ),
  );
}

/** What the family does once an object of the batch is the new owner's (a dataflow's inputs shared); then finished. */
async function afterHandOver(
  entry: SingleOwnerEntry,
  thing: DomoOwnedObject,
  toUserId: number,
  call: CallOptions,
  hooks: BatchHooks & HandOverContext & { besides?(done: string): void; label: string; index: number },
): Promise<void> {
  const context = hooks.takes ? { takes: hooks.takes } : {};
  for (const effect of (await entry.afterHandOver?.(thing, toUserId, call, context)) ?? []) {
    hooks.partly(`${hooks.label}: ${effect}`);
    hooks.besides?.(`${hooks.label}: ${effect}`);
  }
  hooks.finished(hooks.index);
}
