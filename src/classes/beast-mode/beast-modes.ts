import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoBeastMode } from './beast-mode.js';

/**
 * The beast modes and variables of one instance: by id or name, every one, what a user owns (the function search's
 * owner filter, every row re-checked; its pages read until the ids seen reach its count, since its order moves rows
 * between pages), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const beastModes = new DomoBeastModes(auth);
 * await beastModes.transfer(await beastModes.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoBeastModes extends DomoOwnedObjects<DomoBeastMode> {
  protected readonly type = DomoBeastMode as unknown as OwnedObjectClass<DomoBeastMode>;
}
