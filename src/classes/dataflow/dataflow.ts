import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { parseId } from '../../internal/refs.js';
import { DATAFLOW_PATCH_BATCH, getDataflow, searchDataflows, setDataflowsOwner } from '../../routes/dataflow/core.js';
import { getDatasetPermissions, shareDataset } from '../../routes/dataset/core.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { SEARCH_PAGE } from '../../routes/search.js';
import type { DataflowSearchRow } from '../../routes/dataflow/schemas.js';
import { callOptions, EpochDate, type CallOptions } from '../entity.js';
import { DomoOwnedObject, type SingleOwnerFamily } from '../single-owner.js';

const datasetIds = ({ value }: { value: unknown }) =>
  ((value as { dataSourceId: string }[] | null | undefined) ?? []).map((d) => d.dataSourceId.toLowerCase());

/** The dataflow family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<number, DataflowSearchRow> = {
  kind: 'dataflow',
  label: 'dataflow',
  parseId,
  read: async (auth, id, call) => (await getDataflow(auth, id, call)).data,
  write: (auth, raw, userId, call) => setDataflowsOwner(auth, [raw.id as number], userId, call),
  writeMany: (auth, raws, userId, call) =>
    setDataflowsOwner(
      auth,
      raws.map((raw) => raw.id as number),
      userId,
      call,
    ),
  batch: DATAFLOW_PATCH_BATCH,
  page: async (auth, query, call) => (await searchDataflows(auth, query, call)).data,
  pageSize: SEARCH_PAGE,
  fromRow: (row) => ({
    id: row.databaseId,
    name: row.name ?? '',
    responsibleUserId: row.ownedById || undefined,
    ownerName: row.ownedByName ?? undefined,
  }),
  rowId: (row) => row.databaseId,
  rowOwner: (row) => (row.ownedById === '' || row.ownedById == null ? undefined : row.ownedById),
  searchesText: true,
  stable: ['inputs', 'outputs'],
};

/**
 * A dataflow (Magic ETL, SQL): one owner, the responsible user; it reads input datasets and writes output datasets.
 * {@link DomoDataflow.transferOwnership} moves it and reads it back (inputs and outputs unchanged). A deleted
 * dataflow reads as not found (Domo answers 200 with `deleted: true`).
 *
 * @example
 * ```ts
 * const flow = await new DomoDataflows(auth).get('Sales clean');
 * await flow.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoDataflow extends DomoOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  @Expose() declare id: number;
  @Expose() declare name: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  description!: string;
  @Expose({ name: 'responsibleUserId' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? value : undefined), { toClassOnly: true })
  declare ownerId?: number;
  @Expose() declare ownerName?: string;
  /** The datasets it reads (ids are UUIDs). */
  @Expose({ name: 'inputs' }) @Transform(datasetIds, { toClassOnly: true }) inputDatasetIds!: string[];
  /** The datasets it writes: their owner is the dataflow's "container owner". */
  @Expose({ name: 'outputs' }) @Transform(datasetIds, { toClassOnly: true }) outputDatasetIds!: string[];
  /** `MAGIC`, `MYSQL`, `REDSHIFT`, … */
  @Expose() databaseType?: string;
  @Expose({ name: 'created' }) @EpochDate() declare createdAt?: Date;
  @Expose({ name: 'modified' }) @EpochDate() declare lastModified?: Date;

  override details(): Record<string, unknown> {
    return {
      databaseType: this.databaseType ?? null,
      inputDatasetIds: [...this.inputDatasetIds],
      outputDatasetIds: [...this.outputDatasetIds],
    };
  }

  /**
   * Gives `user` view access to every input dataset they cannot already use as owner or through a direct share, so
   * that a new owner can run the dataflow (MUO shares the inputs after a transfer). Group access is not looked
   * into: a direct share beside it is harmless. `except` leaves out datasets they are about to own (an offboarding
   * hands them the leaver's datasets too).
   * @returns the ids of the datasets shared now (none when every input was already theirs)
   */
  async shareInputsWith(
    user: UserRef,
    options: CallOptions & { knownLive?: readonly number[]; except?: readonly string[] } = {},
  ): Promise<string[]> {
    const call = callOptions(options);
    const except = new Set((options.except ?? []).map((id) => id.toLowerCase()));
    const [userId] = await resolveUserIds(this.auth, [user], {
      ...call,
      route: 'DomoDataflow.shareInputsWith',
      live: true,
      ...(options.knownLive ? { knownLive: options.knownLive } : {}),
    });
    const shared: string[] = [];
    for (const datasetId of this.inputDatasetIds) {
      if (except.has(datasetId.toLowerCase())) continue;
      const access = (await getDatasetPermissions(this.auth, datasetId, call)).data;
      if (access.some((entry) => entry.type === 'USER' && entry.id === userId)) continue;
      await shareDataset(this.auth, datasetId, [{ type: 'USER', id: userId!, accessLevel: 'CAN_VIEW' }], call);
      shared.push(datasetId);
    }
    return shared;
  }

  /** Reads one dataflow. @throws {DomoNotFoundError} no such dataflow, not visible to you, or deleted */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoDataflow> {
    return DomoDataflow.hydrate(auth, (await getDataflow(auth, id, callOptions(options))).data);
  }
}
