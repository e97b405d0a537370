import 'reflect-metadata';
import { Expose } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoAbortError, DomoInputError } from '../../client/errors.js';
import { waitWithin } from '../../internal/wait.js';
import { clip, MAX_ECHO } from '../../internal/input.js';
import { closeMatches } from '../../internal/suggest.js';

export { closeMatches };
import { checkGrantList, getAuthorities } from '../../routes/role/grants.js';
import { DomoEntity, type CallOptions } from '../entity.js';

/**
 * A grant (Domo calls it an authority), e.g. `dataset.manage`, as the catalogue describes it.
 */
export class DomoGrant extends DomoEntity {
  /** The authority name, e.g. `dataset.manage`. */
  @Expose({ name: 'authority' }) id!: string;
  @Expose() title?: string;
  @Expose() description?: string;
  /** The group the admin UI shows it under. */
  @Expose({ name: 'authorityUIGroup' }) group?: string;
  /** Grants this one needs. */
  @Expose({ name: 'dependsOnAuthorities' }) dependsOn?: string[];
  /** Roles holding it, when the catalogue says. */
  @Expose() roleIds?: number[];

  summary(): string {
    return `DomoGrant ${this.id}${this.title ? ` "${this.title}"` : ''}`;
  }
}

const catalogues = new WeakMap<DomoAuth, Promise<DomoGrant[]>>();

/**
 * The authorities catalogue of an instance, read once per auth and then served from memory
 * (`{ refresh: true }` reads it again). The one read is shared: each caller waits for it within its own signal and
 * timeout, and one caller giving up does not fail the others.
 */
export function grantCatalogue(
  auth: DomoAuth,
  options: CallOptions & { refresh?: boolean } = {},
): Promise<DomoGrant[]> {
  let catalogue = options.refresh ? undefined : catalogues.get(auth);
  if (!catalogue && options.signal?.aborted)
    return Promise.reject(
      new DomoAbortError('reading the grant catalogue was aborted before it was sent', { route: 'getAuthorities' }),
    );
  if (!catalogue) {
    catalogue = getAuthorities(auth).then(({ data }) => DomoGrant.hydrateMany(auth, data));
    catalogues.set(auth, catalogue);
    catalogue.catch(() => catalogues.delete(auth));
  }
  return waitWithin(catalogue, options, 'reading the grant catalogue', { route: 'getAuthorities' });
}

/**
 * Checks grants against the catalogue before anything is sent: every name must exist (unknown ones are listed
 * with close matches; names in `held`, which the role already has, are let through), and every grant's
 * dependencies must be in the list too.
 * @returns the list, de-duplicated, order kept
 * @throws {DomoInputError} unknown grants, or missing dependencies
 */
export function validateGrants(
  catalogue: readonly DomoGrant[],
  grants: unknown,
  route = 'setGrants',
  options: { held?: readonly string[]; dependencies?: boolean } = {},
): string[] {
  const list = checkGrantList(grants, route);
  const byId = new Map(catalogue.map((grant) => [grant.id, grant]));
  const held = new Set(options.held ?? []);
  const unknown = list.filter((grant) => !byId.has(grant) && !held.has(grant));
  if (unknown.length > 0) {
    const described = unknown.slice(0, 10).map((grant) => {
      const close = grant.length > MAX_ECHO ? [] : closeMatches(grant, [...byId.keys()]);
      return close.length > 0 ? `${grant} (did you mean ${close.join(' or ')}?)` : clip(grant);
    });
    const more = unknown.length > 10 ? ` and ${unknown.length - 10} more` : '';
    throw new DomoInputError(`unknown grants: ${described.join(', ')}${more}`, { field: 'grants', route });
  }
  if (options.dependencies === false) return list;
  const missing = missingDependencies(catalogue, list);
  if (missing.length > 0)
    throw new DomoInputError(`missing grant dependencies: ${missing.join('; ')}`, { field: 'grants', route });
  return list;
}

/** The dependencies a set of grants lacks, as `grant needs other` (empty when the set is complete). */
export function missingDependencies(catalogue: readonly DomoGrant[], grants: readonly string[]): string[] {
  const byId = new Map(catalogue.map((grant) => [grant.id, grant]));
  const chosen = new Set(grants);
  return grants.flatMap((grant) =>
    (byId.get(grant)?.dependsOn ?? [])
      .filter((needed) => !chosen.has(needed))
      .map((needed) => `${grant} needs ${needed}`),
  );
}
