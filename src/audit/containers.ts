import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoNotFoundError } from '../client/errors.js';
import { DomoDataflow } from '../classes/dataflow/dataflow.js';
import { DomoDataset } from '../classes/dataset/dataset.js';
import type { CallOptions } from '../classes/entity.js';
import type { OwnedByUser } from '../classes/ownership.js';
import { DomoDashboard } from '../classes/page/page.js';
import { DomoUser } from '../classes/user/user.js';
import { chunk } from '../internal/chunk.js';
import { CARD_READ_BATCH, getCardPages } from '../routes/card/core.js';

/** A recipient of one object: a live user, named for the plan. */
export interface ContainerOwner {
  type: 'USER';
  id: number;
  label: string;
}

const IN_FLIGHT = 4;

/**
 * Who owns each object's container, for `--to-container-owner`: a dataflow's output dataset's owner, a card's page's
 * first user owner. Objects whose container has no live owner other than the leaver (or has no container) are left
 * out: they go to the plan's own recipient. Keys are `<kind>:<id>`.
 */
export async function containerOwners(
  auth: DomoAuth,
  owned: Pick<OwnedByUser, 'dataflows' | 'cards'>,
  leavingId: number,
  call: CallOptions,
): Promise<Map<string, ContainerOwner>> {
  const owners = new Map<string, number>();
  await mapAll(owned.dataflows, IN_FLIGHT, async ({ id }) => {
    const flow = await DomoDataflow.get(auth, id, call);
    const output = flow.outputDatasetIds[0];
    if (output === undefined) return;
    const dataset = await DomoDataset.get(auth, output, call).catch(gone);
    if (dataset?.ownerId !== undefined) owners.set(`dataflow:${id}`, dataset.ownerId);
  });
  const pagesOf = new Map<number, number[]>();
  for (const batch of chunk(
    owned.cards.map((c) => c.id),
    CARD_READ_BATCH,
  ))
    for (const [card, pages] of (await getCardPages(auth, batch, call)).data) pagesOf.set(card, pages);
  const pageIds = [...new Set([...pagesOf.values()].flatMap((pages) => pages.slice(0, 1)))];
  const pageOwner = new Map<number, number>();
  await mapAll(pageIds, IN_FLIGHT, async (pageId) => {
    const page = await DomoDashboard.get(auth, pageId, call).catch(gone);
    const owner = page?.owners.find((o) => o.type === 'USER' && o.id !== leavingId);
    if (owner) pageOwner.set(pageId, owner.id);
  });
  for (const [card, pages] of pagesOf) {
    const owner = pages[0] === undefined ? undefined : pageOwner.get(pages[0]);
    if (owner !== undefined) owners.set(`card:${card}`, owner);
  }
  return liveOwners(auth, owners, leavingId, call);
}

/** The owners that are live users other than the leaver, with their emails. */
async function liveOwners(
  auth: DomoAuth,
  owners: Map<string, number>,
  leavingId: number,
  call: CallOptions,
): Promise<Map<string, ContainerOwner>> {
  const ids = [...new Set(owners.values())].filter((id) => id !== leavingId);
  const users = await mapAll(ids, IN_FLIGHT, async (id) => DomoUser.get(auth, id, call).catch(gone));
  const live = new Map(
    users.flatMap((u) => (u && !u.isDeleted && u.active !== false ? [[u.id, u.email] as const] : [])),
  );
  const result = new Map<string, ContainerOwner>();
  for (const [key, id] of owners) if (live.has(id)) result.set(key, { type: 'USER', id, label: live.get(id)! });
  return result;
}

function gone(error: unknown): undefined {
  if (error instanceof DomoNotFoundError) return undefined;
  throw error;
}
