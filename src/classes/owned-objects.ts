import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoInputError, DomoNotFoundError, DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import { chunk } from '../internal/chunk.js';
import { describe } from '../internal/input.js';
import { candidateQuery, searchPages } from './content.js';
import { callOptions, type CallOptions } from './entity.js';
import { DomoList, pageOf } from './list.js';
import { findOneByName, notFoundAmong, requireOneByName, unknownRef } from './names.js';
import { resolveUserIds, type UserRef } from './people.js';
import type { DomoOwnedObject, OwnedObjectClass, SingleOwnerFamily } from './single-owner.js';

/** Reads in flight at once when many objects are read one by one. */
const IN_FLIGHT = 4;
/** Reads of every page of a call whose order is unstable, at most, before a short list is an error. */
const UNSTABLE_PASSES = 12;

/** What a bulk transfer did: every object now owned by the new owner, each read back. */
export interface OwnedTransfer<Id> {
  /** The new owner's user id. */
  to: number;
  moved: { id: Id; name: string; from: number | undefined }[];
  /** Already owned by the new owner: nothing sent for them. */
  unchanged: Id[];
}

/**
 * The manager of a single-owner family (dataflows, beast modes, alerts, …): the family contract's `get`, `list`,
 * `findByName`/`getByName`, `resolve`, plus `ownedBy(user)` — the family's discovery call with its rows re-checked —
 * and `transfer(objects, to)`, each object read back.
 */
export abstract class DomoOwnedObjects<E extends DomoOwnedObject> {
  constructor(readonly auth: DomoAuth) {}

  /** The family's entity class. */
  protected abstract readonly type: OwnedObjectClass<E>;

  protected get family(): SingleOwnerFamily<E['id'], unknown> {
    return this.type.family;
  }

  /** One object by id, or by exact name (case-insensitive; a name two share is an error naming both). */
  async get(idOrName: E['id'] | string, options: CallOptions = {}): Promise<E> {
    const id = this.family.parseId(idOrName);
    if (id === undefined) return this.getByName(String(idOrName), options);
    return this.type.hydrate(this.auth, await this.family.read(this.auth, id, callOptions(options)));
  }

  /**
   * Every object (or those whose name matches `text`), a page of the family's list call at a time, as the list
   * shows them (`refresh()` one for a full read).
   */
  list(options: CallOptions & { text?: string } = {}): DomoList<E> {
    const { text, ...rest } = options;
    const call = callOptions(rest);
    const { auth, family, type } = this;
    const wanted = text?.replace(/\*/g, '').trim().toLowerCase();
    const matches = (item: E) => family.searchesText || !wanted || item.name.toLowerCase().includes(wanted);
    const everyRow = (query: { ownedBy?: number }) => this.#everyRow(query, call);
    const discover = (query: { text?: string }) => this.discoveryPages(query, call);
    return new DomoList<E>(async function* () {
      if (family.unstableOrder) {
        // Its order moves rows between pages: read it whole (until its count), then list it by name and id.
        const items = (await everyRow({}))
          .map((row) => type.hydrate(auth, family.fromRow(row)))
          .filter(matches)
          .sort((a, b) => a.name.localeCompare(b.name) || String(a.id).localeCompare(String(b.id)));
        for (const page of chunk(items, family.pageSize)) yield pageOf(page);
        return;
      }
      const serverText = family.searchesText && text !== undefined ? { text } : {};
      for await (const rows of discover(serverText))
        yield pageOf(rows.map((row) => type.hydrate(auth, family.fromRow(row))).filter(matches));
    }, `${family.kind}s`);
  }

  /**
   * The family's discovery call, page after page, as it answers (`total` set from each page's count). A family
   * without one call that lists its objects (report schedules) reads them its own way here.
   */
  protected async *discoveryPages(
    query: { ownedBy?: number; text?: string },
    call: CallOptions,
    onTotal: (total: number | undefined) => void = () => undefined,
  ): AsyncGenerator<unknown[]> {
    const { family } = this;
    if (!family.page)
      throw new DomoValidationError(`${family.label}s have no discovery call: their manager reads them`, {
        route: `${family.kind}s.list`,
      });
    yield* searchPages(async (offset) => {
      const page = await family.page!(this.auth, { ...query, offset }, call);
      onTotal(page.total);
      return page;
    }, family.pageSize);
  }

  /**
   * What `user` owns: the family's discovery call with its owner filter, every row re-checked on the client (a
   * server that ignores the filter cannot hand over someone else's object). Transfers read each object again first.
   */
  async ownedBy(user: UserRef, options: CallOptions = {}): Promise<E[]> {
    const call = callOptions(options);
    const { family } = this;
    const [userId] = await resolveUserIds(this.auth, [user], { ...call, route: `${family.kind}s.ownedBy` });
    const rows = await this.#everyRow({ ownedBy: userId! }, call);
    // A row that does not say its owner is read: the server's filter alone never decides.
    const checked = await mapAll(rows, IN_FLIGHT, async (row) => {
      const owner = family.rowOwner(row);
      if (owner !== undefined) return owner === userId ? this.type.hydrate(this.auth, family.fromRow(row)) : undefined;
      const read = this.type.hydrate(this.auth, await family.read(this.auth, family.rowId(row), call));
      return read.ownerId === userId ? read : undefined;
    });
    return checked.filter((thing): thing is E => thing !== undefined);
  }

  /**
   * Every row of the discovery call for `query`, each once. A call whose order is unstable across pages is read
   * again (up to {@link UNSTABLE_PASSES} times) until the ids seen reach its total.
   * @throws {DomoValidationError} an unstable call still short of its total after every pass
   */
  async #everyRow(query: { ownedBy?: number }, call: CallOptions): Promise<unknown[]> {
    const { family } = this;
    const seen = new Map<E['id'], unknown>();
    let total: number | undefined;
    for (let pass = 1; pass <= (family.unstableOrder ? UNSTABLE_PASSES : 1); pass += 1) {
      for await (const rows of this.discoveryPages(query, call, (t) => (total = t)))
        for (const row of rows) if (!seen.has(family.rowId(row))) seen.set(family.rowId(row), row);
      if (total === undefined || seen.size >= total) return [...seen.values()];
    }
    if (family.unstableOrder)
      throw new DomoValidationError(
        `${family.label}s: ${UNSTABLE_PASSES} reads of every page found ${seen.size} of the ${total} Domo counts (its order moves rows between pages); nothing was decided on a partial list`,
        { route: `${family.kind}s.list` },
      );
    return [...seen.values()];
  }

  /** The object named exactly `name` (case-insensitive); `undefined` when none. */
  async findByName(name: string, options: CallOptions = {}): Promise<E | undefined> {
    return findOneByName(this.family.label, await this.#named(name, options), name, [(e) => e.name]);
  }

  /** Like {@link DomoOwnedObjects.findByName}; none is a `DomoNotFoundError` naming the close ones. */
  async getByName(name: string, options: CallOptions = {}): Promise<E> {
    return requireOneByName(
      this.family.label,
      await this.#named(name, options),
      name,
      [(e) => e.name],
      `${this.family.kind}s.getByName`,
    );
  }

  /** Objects by id or exact name, in order, each read in full; every unknown one reported at once. */
  async resolve(refs: readonly (E['id'] | string)[], options: CallOptions = {}): Promise<E[]> {
    const route = `${this.family.kind}s.resolve`;
    if (!Array.isArray(refs))
      throw new DomoInputError(`${route} needs an array of ids or names, got ${describe(refs)}`, {
        field: 'refs',
        route,
      });
    const call = callOptions(options);
    const list: (E['id'] | string)[] = [...(refs as readonly (E['id'] | string)[])];
    const results = await mapAll(list, IN_FLIGHT, async (ref: E['id'] | string) => {
      if (this.family.parseId(ref) === undefined && (typeof ref !== 'string' || ref.trim() === ''))
        throw new DomoInputError(`a ${this.family.label} is named by its id or its name, got ${describe(ref)}`, {
          field: 'refs',
          route,
        });
      try {
        return await this.#resolveOne(ref, call);
      } catch (error) {
        if (error instanceof DomoNotFoundError) return undefined;
        throw error;
      }
    });
    const unknown = await this.#unknownRefs(refs, results, call);
    if (unknown.length > 0) throw notFoundAmong(this.family.label, unknown, route);
    return results as E[];
  }

  /**
   * Hands each object to `to` (a live user) with {@link DomoOwnedObject.transferOwnership}, one after another, each
   * read back. A failure part-way is a `DomoPartialFailureError` listing exactly what moved.
   */
  async transfer(
    objects: readonly (E | E['id'] | string)[],
    to: UserRef,
    options: CallOptions = {},
  ): Promise<OwnedTransfer<E['id']>> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [to], {
      ...call,
      route: `${this.family.kind}s.transfer`,
      live: true,
    });
    const entities = await this.resolve(
      objects.map((o) => (typeof o === 'object' ? o.id : o)),
      call,
    );
    const result: OwnedTransfer<E['id']> = { to: userId!, moved: [], unchanged: [] };
    try {
      for (const entity of entities) {
        const from = entity.ownerId;
        const change = await entity.transferOwnership(userId!, call);
        if (change.added.length === 0) result.unchanged.push(entity.id);
        else result.moved.push({ id: entity.id, name: entity.name, from });
      }
    } catch (error) {
      if (result.moved.length === 0) throw error;
      throw new DomoPartialFailureError(
        `${this.family.label}s: ${result.moved.length} of ${entities.length} moved to user ${userId} and were read back, then one failed (${error instanceof Error ? error.message : String(error)})`,
        result.moved.map((m) => `${this.family.label} ${m.id} ${JSON.stringify(m.name)} now owned by user ${userId}`),
        error,
      );
    }
    return result;
  }

  async #resolveOne(ref: E['id'] | string, call: CallOptions): Promise<E> {
    const id = this.family.parseId(ref);
    if (id !== undefined) return this.type.hydrate(this.auth, await this.family.read(this.auth, id, call));
    const found = await this.findByName(ref as string, call);
    if (!found) throw new DomoNotFoundError({ status: 404, route: `${this.family.kind}s.resolve` });
    return found.refresh(call);
  }

  async #unknownRefs(
    refs: readonly (E['id'] | string)[],
    results: (E | undefined)[],
    call: CallOptions,
  ): Promise<string[]> {
    const unknown: string[] = [];
    for (const [index, ref] of refs.entries()) {
      if (results[index] !== undefined) continue;
      const id = this.family.parseId(ref);
      unknown.push(
        id === undefined
          ? unknownRef(
              ref as string,
              (await this.#named(ref as string, call)).map((e) => e.name),
            )
          : JSON.stringify(String(id)),
      );
    }
    return unknown;
  }

  /** The candidates of an exact name lookup: what the list finds for the name's longest word, one letter short. */
  async #named(name: string, options: CallOptions): Promise<E[]> {
    return this.list({ ...options, text: candidateQuery(name) }).toArray({ max: 100_000 });
  }
}
