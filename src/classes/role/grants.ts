import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { describe } from '../../internal/input.js';
import { notFoundAmong, unknownRef } from '../names.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoList, pageOf } from '../list.js';
import { grantCatalogue, missingDependencies, validateGrants, type DomoGrant } from './grant.js';

/**
 * The grants of one instance (Domo's authorities catalogue, read once per auth and then served from memory), with
 * the manager API every family has where it applies: list, get, exact lookups, resolve with close matches. Grants
 * are Domo's: there is no create; roles hold them (`role.setGrants`).
 *
 * @example
 * ```ts
 * const grants = new DomoGrants(auth);
 * const [manage] = await grants.resolve(['dataset.manage']);
 * grants.check(['dataset.manage']);   // DomoInputError: missing dependencies, unknown names with close matches
 * ```
 */
export class DomoGrants {
  constructor(readonly auth: DomoAuth) {}

  /** The whole catalogue (one page; `refresh: true` reads it again). */
  list(options: CallOptions & { refresh?: boolean } = {}): DomoList<DomoGrant> {
    return DomoList.single(async () => pageOf(await grantCatalogue(this.auth, options)), 'grants');
  }

  /** One grant by its id (`dataset.manage`) or exact title (case-insensitive); an unknown one names the close ones. */
  async get(idOrTitle: string, options: CallOptions = {}): Promise<DomoGrant> {
    const [grant] = await this.resolve([idOrTitle], options);
    return grant as DomoGrant;
  }

  /** The grant whose id or title is exactly `name` (case-insensitive); `undefined` when none. */
  async findByName(name: string, options: CallOptions = {}): Promise<DomoGrant | undefined> {
    return matchGrant(await this.list(callOptions(options)), checkGrantRef(name, 0, 'DomoGrants.findByName'));
  }

  /** Like {@link DomoGrants.findByName}; a missing grant is a `DomoNotFoundError` naming the close ones. */
  getByName(name: string, options: CallOptions = {}): Promise<DomoGrant> {
    return this.get(name, options);
  }

  /**
   * Grants by id or exact title, in order, from one read of the catalogue. Every unknown one is reported at once,
   * each with its close matches.
   * @throws {DomoNotFoundError} listing every unknown grant
   */
  async resolve(refs: readonly string[], options: CallOptions = {}): Promise<DomoGrant[]> {
    if (!Array.isArray(refs))
      throw new DomoInputError(`DomoGrants.resolve needs an array of grant names, got ${describe(refs)}`, {
        field: 'refs',
        route: 'DomoGrants.resolve',
      });
    const wanted = refs.map((ref, index) => checkGrantRef(ref, index, 'DomoGrants.resolve'));
    const catalogue = await this.list(callOptions(options));
    const unknown: string[] = [];
    const found = wanted.map((ref) => {
      const grant = matchGrant(catalogue, ref);
      if (!grant)
        unknown.push(
          unknownRef(
            ref,
            catalogue.map((g) => g.id),
          ),
        );
      return grant;
    });
    if (unknown.length > 0) throw notFoundAmong('grant', unknown, 'DomoGrants.resolve');
    return found as DomoGrant[];
  }

  /**
   * Checks a list of grant names before anything is sent (what `role.setGrants` checks): unknown names (with close
   * matches) and missing dependencies are a `DomoInputError`.
   * @returns the names, de-duplicated, order kept
   */
  async check(grants: readonly string[], options: CallOptions = {}): Promise<string[]> {
    return validateGrants(await this.list(callOptions(options)), grants, 'DomoGrants.check');
  }

  /** What the grants lack to be a complete set, as `grant needs other` lines (empty when complete). */
  async missingDependencies(grants: readonly string[], options: CallOptions = {}): Promise<string[]> {
    return missingDependencies(await this.list(callOptions(options)), grants);
  }
}

function checkGrantRef(ref: unknown, index: number, route: string): string {
  if (typeof ref === 'string' && ref.trim() !== '') return ref.trim();
  throw new DomoInputError(`refs[${index}] must be a grant name such as dataset.manage, got ${describe(ref)}`, {
    field: `refs[${index}]`,
    route,
  });
}

function matchGrant(catalogue: readonly DomoGrant[], ref: string): DomoGrant | undefined {
  const wanted = ref.toLowerCase();
  return (
    catalogue.find((grant) => grant.id.toLowerCase() === wanted) ??
    catalogue.find((grant) => grant.title?.trim().toLowerCase() === wanted)
  );
}
