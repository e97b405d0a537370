import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoDataflow } from './dataflow.js';

/**
 * The dataflows of one instance: by id or name, every one, what a user owns (the datacenter search's owner filter,
 * re-checked), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const flows = new DomoDataflows(auth);
 * await flows.transfer(await flows.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoDataflows extends DomoOwnedObjects<DomoDataflow> {
  protected readonly type = DomoDataflow as unknown as OwnedObjectClass<DomoDataflow>;
}
