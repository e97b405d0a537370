import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoAppDbCollection } from './collection.js';

/**
 * The AppDB collections of one instance: by id or name, every one, what a user owns (the collection query's owner
 * filter, every row re-checked), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const collections = new DomoAppDbCollections(auth);
 * await collections.transfer(await collections.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoAppDbCollections extends DomoOwnedObjects<DomoAppDbCollection> {
  protected readonly type = DomoAppDbCollection as unknown as OwnedObjectClass<DomoAppDbCollection>;
}
