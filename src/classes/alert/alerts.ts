import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoAlert } from './alert.js';

/**
 * The alerts of one instance: by id or name, every one, what a user owns (the alert list's owner filter, every row
 * re-checked), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const alerts = new DomoAlerts(auth);
 * await alerts.transfer(await alerts.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoAlerts extends DomoOwnedObjects<DomoAlert> {
  protected readonly type = DomoAlert as unknown as OwnedObjectClass<DomoAlert>;
}
