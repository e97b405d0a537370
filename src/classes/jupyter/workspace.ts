import 'reflect-metadata';
import { Expose } from 'class-transformer';
import { parseUuid } from '../../internal/input.js';
import {
  getJupyterWorkspace,
  JUPYTER_PAGE,
  searchJupyterWorkspaces,
  setJupyterWorkspaceOwner,
} from '../../routes/jupyter/core.js';
import type { JupyterWorkspace } from '../../routes/jupyter/schemas.js';
import { EpochDate } from '../entity.js';
import { DomoUuidOwnedObject, type SingleOwnerFamily } from '../single-owner.js';

/** The Jupyter workspace family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<string, JupyterWorkspace> = {
  kind: 'jupyterWorkspace',
  label: 'Jupyter workspace',
  parseId: parseUuid,
  read: async (auth, id, call) => (await getJupyterWorkspace(auth, id, call)).data,
  write: (auth, raw, userId, call) => setJupyterWorkspaceOwner(auth, raw.id as string, userId, call),
  page: async (auth, query, call) =>
    (
      await searchJupyterWorkspaces(
        auth,
        { ...(query.ownedBy === undefined ? {} : { ownedBy: query.ownedBy }), offset: query.offset },
        call,
      )
    ).data,
  pageSize: JUPYTER_PAGE,
  fromRow: (row) => row,
  rowId: (row) => row.id.toLowerCase(),
  rowOwner: (row) => row.owner ?? undefined,
  searchesText: false,
};

/**
 * A Jupyter workspace (Domo Data Science): one owner. {@link DomoOwnedObject.transferOwnership} moves it and
 * reads it back.
 *
 * @example
 * ```ts
 * const workspace = await new DomoJupyterWorkspaces(auth).get('Churn model');
 * await workspace.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoJupyterWorkspace extends DomoUuidOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  @Expose({ name: 'createdAt' }) @EpochDate() declare createdAt?: Date;
  @Expose({ name: 'updatedAt' }) @EpochDate() declare lastModified?: Date;
}
