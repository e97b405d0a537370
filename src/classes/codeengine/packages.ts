import { DomoOwnedObjects } from '../owned-objects.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoCodeEnginePackage } from './package.js';

/**
 * The Code Engine packages of one instance: by id or name, every one, what a user owns (the datacenter search's
 * owner filter, every row re-checked; the index lags ownership writes), and ownership transfer with a read-back of each.
 *
 * @example
 * ```ts
 * const codePackages = new DomoCodeEnginePackages(auth);
 * await codePackages.transfer(await codePackages.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoCodeEnginePackages extends DomoOwnedObjects<DomoCodeEnginePackage> {
  protected readonly type = DomoCodeEnginePackage as unknown as OwnedObjectClass<DomoCodeEnginePackage>;
}
