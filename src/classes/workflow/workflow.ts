import 'reflect-metadata';
import { Expose } from 'class-transformer';
import { parseUuid } from '../../internal/input.js';
import { getWorkflow, searchWorkflows, setWorkflowOwner } from '../../routes/workflow/core.js';
import type { WorkflowSearchRow } from '../../routes/workflow/schemas.js';
import { SEARCH_PAGE } from '../../routes/search.js';
import { EpochDate } from '../entity.js';
import { DomoUuidOwnedObject, ownerIdOf, type SingleOwnerFamily } from '../single-owner.js';

/** The workflow family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<string, WorkflowSearchRow> = {
  kind: 'workflow',
  label: 'workflow',
  parseId: parseUuid,
  read: async (auth, id, call) => (await getWorkflow(auth, id, call)).data,
  write: (auth, raw, userId, call) => setWorkflowOwner(auth, raw, userId, call),
  page: async (auth, query, call) => (await searchWorkflows(auth, query, call)).data,
  pageSize: SEARCH_PAGE,
  fromRow: (row) => ({ id: row.uuid, name: row.name ?? '', owner: row.ownedById || undefined }),
  rowId: (row) => row.uuid.toLowerCase(),
  rowOwner: (row) => ownerIdOf(row.ownedById),
  searchesText: true,
};

/**
 * A workflow (Domo Workflows model): one owner. Its ownership write sends the whole definition back with the
 * owner swapped, so {@link DomoOwnedObject.transferOwnership} reads it right before and reads it back after.
 *
 * @example
 * ```ts
 * const workflow = await new DomoWorkflows(auth).get('Onboarding');
 * await workflow.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoWorkflow extends DomoUuidOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  @Expose({ name: 'createdOn' }) @EpochDate() declare createdAt?: Date;
  @Expose({ name: 'updatedOn' }) @EpochDate() declare lastModified?: Date;
}
