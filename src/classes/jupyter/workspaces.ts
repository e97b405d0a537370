import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoJupyterWorkspace } from './workspace.js';

/**
 * The Jupyter workspaces of one instance: by id or name, every one, what a user owns (the workspace search's
 * owner filter, every row re-checked), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const workspaces = new DomoJupyterWorkspaces(auth);
 * await workspaces.transfer(await workspaces.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoJupyterWorkspaces extends DomoOwnedObjects<DomoJupyterWorkspace> {
  protected readonly type = DomoJupyterWorkspace as unknown as OwnedObjectClass<DomoJupyterWorkspace>;
}
