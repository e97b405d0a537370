import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoFileset } from './fileset.js';

/**
 * The filesets of one instance: by id or name, every one, what a user owns (the fileset search's owner filter,
 * every row re-checked), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const filesets = new DomoFilesets(auth);
 * await filesets.transfer(await filesets.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoFilesets extends DomoOwnedObjects<DomoFileset> {
  protected readonly type = DomoFileset as unknown as OwnedObjectClass<DomoFileset>;
}
