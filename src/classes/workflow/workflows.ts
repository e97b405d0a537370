import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoWorkflow } from './workflow.js';

/**
 * The workflows of one instance: by id or name, every one, what a user owns (the datacenter search's owner
 * filter, every row re-checked; the index lags ownership writes), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const workflows = new DomoWorkflows(auth);
 * await workflows.transfer(await workflows.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoWorkflows extends DomoOwnedObjects<DomoWorkflow> {
  protected readonly type = DomoWorkflow as unknown as OwnedObjectClass<DomoWorkflow>;
}
