import type { DomoAuth } from '../../auth/base.js';
import { chunk } from '../../internal/chunk.js';
import { mapAll } from '../../client/concurrency.js';
import { DomoPartialFailureError, DomoValidationError } from '../../client/errors.js';
import {
  checkDatasetId,
  DATASET_READ_BATCH,
  DATASET_REASSIGN_BATCH,
  getAccountDatasets,
  getDatasets,
  getDatasetsOwnedBy,
  reassignDatasets,
} from '../../routes/dataset/core.js';
import type { Dataset } from '../../routes/dataset/schemas.js';
import { checkId, describe } from '../../internal/input.js';
import { DomoInputError } from '../../client/errors.js';
import { DATASET_ID, type DatasetSearchRow } from '../../routes/dataset/schemas.js';
import { DATASET_SEARCH_PAGE, searchDatasets } from '../../routes/dataset/core.js';
import { DomoList, pageOf } from '../list.js';
import { candidateQuery, searchPages } from '../content.js';
import { findOneByName, notFoundAmong, requireOneByName, unknownRef } from '../names.js';
import { callOptions, type CallOptions } from '../entity.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { checkHandedOver, DomoDataset } from './dataset.js';

/** Bulk requests in flight at once. */
const IN_FLIGHT = 4;

/** What {@link DomoDatasets.transfer} did: every dataset now owned by the new owner, read back. */
export interface DatasetTransfer {
  /** The new owner's user id. */
  to: number;
  /** Moved, and proven by a read-back. */
  moved: { id: string; name: string; from: number | undefined }[];
  /** Already owned by the new owner: nothing sent for them. */
  unchanged: string[];
}

/** A search row in the shape of a dataset read (the owner as the search index has it). */
function fromSearchRow(row: DatasetSearchRow): object {
  return {
    id: row.databaseId.toLowerCase(),
    name: row.name,
    description: row.description ?? '',
    dataProviderType: row.dataProviderType ?? undefined,
    owner: row.ownedById ? { id: row.ownedById, name: row.ownedByName } : null,
    rowCount: row.rowCount ?? undefined,
    created: row.createDate ?? undefined,
    lastUpdated: row.lastUpdated ?? undefined,
  };
}

/**
 * The datasets of one instance: read by id (one or many), what a user owns, what an account loads, and ownership
 * transfer in bulk with a read-back of every dataset moved.
 *
 * @example
 * ```ts
 * const datasets = new DomoDatasets(auth);
 * const owned = await datasets.ownedBy('ada@acme.com');
 * const { moved } = await datasets.transfer(owned, 'grace@acme.com');
 * ```
 */
export class DomoDatasets {
  constructor(readonly auth: DomoAuth) {}

  /**
   * One dataset by id (a UUID, read directly) or exact name (case-insensitive; dataset names are not unique, so a
   * name two datasets share is an error naming both).
   * @throws {DomoNotFoundError} no such dataset, or not shared with you (a name: with the close ones)
   * @throws {DomoAmbiguousNameError} two or more datasets have that name
   */
  async get(idOrName: string, options: CallOptions = {}): Promise<DomoDataset> {
    if (typeof idOrName === 'string' && DATASET_ID.test(idOrName.trim()))
      return DomoDataset.get(this.auth, idOrName, options);
    return (await this.resolve([idOrName], options))[0] as DomoDataset;
  }

  /**
   * Every dataset the caller can see, from the datacenter search, {@link DATASET_SEARCH_PAGE} a page until its total.
   * Owners shown here come from the search index, which lags ownership writes: `refresh()` a dataset (or
   * {@link DomoDatasets.getMany}) for its owner now.
   */
  list(options: CallOptions & { text?: string } = {}): DomoList<DomoDataset> {
    const { text, ...rest } = options;
    const call = callOptions(rest);
    const auth = this.auth;
    return new DomoList<DomoDataset>(async function* () {
      const pages = searchPages(
        async (offset) => (await searchDatasets(auth, { ...(text === undefined ? {} : { text }), offset }, call)).data,
        DATASET_SEARCH_PAGE,
      );
      for await (const rows of pages) yield pageOf(DomoDataset.hydrateMany(auth, rows.map(fromSearchRow)));
    }, 'datasets');
  }

  /** The dataset named exactly `name` (case-insensitive, never a substring); `undefined` when none. */
  async findByName(name: string, options: CallOptions = {}): Promise<DomoDataset | undefined> {
    return findOneByName('dataset', await this.#named(name, options), name, [(d) => d.name]);
  }

  /** Like {@link DomoDatasets.findByName}; a missing dataset is a `DomoNotFoundError` naming the close ones. */
  async getByName(name: string, options: CallOptions = {}): Promise<DomoDataset> {
    return requireOneByName(
      'dataset',
      await this.#named(name, options),
      name,
      [(d) => d.name],
      'DomoDatasets.getByName',
    );
  }

  /**
   * Datasets by id or exact name, in order; every unknown one reported at once, each name with its close matches.
   * @throws {DomoNotFoundError} listing every unknown reference
   * @throws {DomoAmbiguousNameError} a name two datasets share
   */
  async resolve(refs: readonly string[], options: CallOptions = {}): Promise<DomoDataset[]> {
    if (!Array.isArray(refs))
      throw new DomoInputError(`DomoDatasets.resolve needs an array of dataset ids or names, got ${describe(refs)}`, {
        field: 'refs',
        route: 'DomoDatasets.resolve',
      });
    const ids = refs.filter((ref) => typeof ref === 'string' && DATASET_ID.test(ref.trim()));
    const { datasets } = await this.getMany(ids, options);
    const byId = new Map(datasets.map((d) => [d.id, d]));
    const unknown: string[] = [];
    const found: DomoDataset[] = [];
    for (const ref of refs) {
      if (typeof ref !== 'string' || ref.trim() === '')
        throw new DomoInputError(`a dataset is named by its id or its name, got ${describe(ref)}`, {
          field: 'refs',
          route: 'DomoDatasets.resolve',
        });
      const isId = DATASET_ID.test(ref.trim());
      const candidates = isId ? [] : await this.#named(ref, options);
      const dataset = isId
        ? byId.get(ref.trim().toLowerCase())
        : findOneByName('dataset', candidates, ref, [(d) => d.name]);
      if (dataset) found.push(dataset);
      else
        unknown.push(
          isId
            ? JSON.stringify(ref)
            : unknownRef(
                ref,
                candidates.map((d) => d.name),
              ),
        );
    }
    if (unknown.length > 0) throw notFoundAmong('dataset', unknown, 'DomoDatasets.resolve');
    return found;
  }

  /**
   * The candidates of an exact name lookup: the datasets the search finds for the name's longest word, one letter
   * short (`*Edit*` for "Editr"), so that a misspelt name still brings its close matches (DL's non-exact search).
   */
  async #named(name: string, options: CallOptions): Promise<DomoDataset[]> {
    return this.list({ ...options, text: candidateQuery(name) }).toArray({ max: 100_000 });
  }

  /**
   * Many datasets by id, {@link DATASET_READ_BATCH} per request. Ids Domo did not answer for are in `missing`.
   */
  async getMany(
    ids: readonly string[],
    options: CallOptions = {},
  ): Promise<{ datasets: DomoDataset[]; missing: string[] }> {
    const wanted = [...new Set(ids.map((id, index) => checkDatasetId(id, `ids[${index}]`, 'DomoDatasets.getMany')))];
    if (wanted.length === 0) return { datasets: [], missing: [] };
    const call = callOptions(options);
    const pages = await mapAll(
      chunk(wanted, DATASET_READ_BATCH),
      IN_FLIGHT,
      async (batch) => (await getDatasets(this.auth, batch, call)).data,
    );
    const byId = new Map<string, Dataset>();
    for (const row of pages.flat()) byId.set(row.id.toLowerCase(), row);
    return {
      datasets: DomoDataset.hydrateMany(
        this.auth,
        wanted.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
      ),
      missing: wanted.filter((id) => !byId.has(id)),
    };
  }

  /**
   * Every dataset `user` owns: the owned-by discovery (exhaustive), then the datasets themselves in bulk; a dataset
   * that no longer shows `user` as its owner when read is left out (Domo's discovery is not trusted for a write).
   */
  async ownedBy(user: UserRef, options: CallOptions = {}): Promise<DomoDataset[]> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [user], { ...call, route: 'DomoDatasets.ownedBy' });
    const { data: ids } = await getDatasetsOwnedBy(this.auth, userId as number, call);
    const { datasets } = await this.getMany(ids, call);
    return datasets.filter((dataset) => dataset.ownerId === userId);
  }

  /** The datasets a credential account loads (what stops updating when it is deleted or its secret breaks). */
  async usedByAccount(account: number | { id: number }, options: CallOptions = {}): Promise<DomoDataset[]> {
    const id = checkId(
      typeof account === 'object' && account !== null ? account.id : account,
      'account',
      'usedByAccount',
    );
    const { data } = await getAccountDatasets(this.auth, id, callOptions(options));
    return DomoDataset.hydrateMany(
      this.auth,
      data.map((row) => ({
        id: row.dataSourceId,
        name: row.dataSourceName ?? '',
        dataProviderType: row.dataProviderType ?? undefined,
        owner: row.responsibleUserId ? { id: row.responsibleUserId } : null,
        accountId: id,
        lastUpdated: row.lastUpdated ?? undefined,
      })),
    );
  }

  /**
   * Makes `to` (a live user) the owner of every dataset given (ids or `DomoDataset`s), {@link DATASET_REASSIGN_BATCH}
   * per request, then reads every one back to prove it (owner changed, name and account unchanged). Datasets it
   * already owns are left alone.
   * @throws {DomoPartialFailureError} a batch or a read-back failed after others moved: `completed` lists each
   * dataset moved and proven, so the rest can be retried
   */
  async transfer(
    datasets: readonly (string | DomoDataset)[],
    to: UserRef,
    options: CallOptions = {},
  ): Promise<DatasetTransfer> {
    const call = callOptions(options);
    const ids = datasets.map((d) => (typeof d === 'string' ? d : d.id));
    const [userId] = await resolveUserIds(this.auth, [to], { ...call, route: 'DomoDatasets.transfer', live: true });
    const { datasets: before, missing } = await this.getMany(ids, call);
    if (missing.length > 0)
      throw new DomoValidationError(
        `no such datasets (or not shared with you): ${missing.join(', ')}; nothing was changed`,
        { route: 'DomoDatasets.transfer' },
      );
    const moving = before.filter((d) => d.ownerId !== userId);
    const result: DatasetTransfer = {
      to: userId as number,
      moved: [],
      unchanged: before.filter((d) => d.ownerId === userId).map((d) => d.id),
    };
    try {
      for (const batch of chunk(moving, DATASET_REASSIGN_BATCH)) {
        await reassignDatasets(
          this.auth,
          batch.map((d) => d.id),
          userId as number,
          call,
        );
        const { datasets: after } = await this.getMany(
          batch.map((d) => d.id),
          call,
        );
        const afterById = new Map(after.map((d) => [d.id, d]));
        for (const old of batch) {
          const fresh = afterById.get(old.id);
          if (!fresh)
            throw new DomoValidationError(`dataset ${old.id}: not found when read back after the transfer`, {
              route: 'DomoDatasets.transfer',
            });
          checkHandedOver(fresh, old, userId as number);
          result.moved.push({ id: old.id, name: old.name, from: old.ownerId });
        }
      }
    } catch (error) {
      if (result.moved.length === 0) throw error;
      throw new DomoPartialFailureError(
        `DomoDatasets.transfer: ${result.moved.length} of ${moving.length} dataset(s) moved to user ${userId} and were read back, then a step failed (${error instanceof Error ? error.message : String(error)})`,
        result.moved.map((m) => `dataset ${m.id} ${JSON.stringify(m.name)} now owned by user ${userId}`),
        error,
      );
    }
    return result;
  }
}
