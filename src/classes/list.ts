import { DomoInputError } from '../client/errors.js';
import { describe } from '../internal/input.js';

/**
 * One page of a list: an array of entities, with the reads that failed on it in `failed` (not enumerable:
 * `console.table` and `JSON.stringify` show the entities only). `map`, `filter` and friends return plain arrays.
 */
export class DomoPage<T, F = never> extends Array<T> {
  declare readonly failed: readonly F[];

  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** A page of `items`, with `failed` reads (none by default). */
  static fill<P extends DomoPage<unknown, unknown>>(
    page: P,
    items: Iterable<P extends DomoPage<infer T, unknown> ? T : never>,
    failed: readonly (P extends DomoPage<unknown, infer F> ? F : never)[] = [],
  ): P {
    for (const item of items) page.push(item);
    Object.defineProperty(page, 'failed', { value: failed, enumerable: false });
    return page;
  }

  /** The entities (this array). */
  get items(): T[] {
    return this;
  }
}

/** A plain page of `items` and `failed` reads. */
export function pageOf<T, F = never>(items: Iterable<T>, failed: readonly F[] = []): DomoPage<T, F> {
  return DomoPage.fill(new DomoPage<T, F>(), items, failed);
}

/**
 * What every manager's `list()` returns (the family contract; openai-node's `PagePromise` is the model):
 * - `await list` — the first page: a {@link DomoPage}, an array with `failed` (for families Domo answers in one
 *   read — roles, groups, accounts, OAuth templates — the first page is everything);
 * - `for await (const item of list)` — every item of every page, page after page, memory flat;
 * - `list.pages()` — the pages as they arrive, each with its `failed`;
 * - `list.toArray({ max })` — every item, at most `max` (a bound is required: no unbounded read by accident).
 *
 * Nothing is read until the list is awaited or iterated; each iteration reads afresh, awaiting reads the first
 * page once.
 *
 * @example
 * ```ts
 * const roles = await new DomoRoles(auth).list();           // an array of DomoRole
 * for await (const user of new DomoUsers(auth).list()) n += 1;
 * const { failed } = await new DomoAccounts(auth).list({ withConfig: true });
 * ```
 */
export class DomoList<T, P extends DomoPage<T, unknown> = DomoPage<T>> implements PromiseLike<P>, AsyncIterable<T> {
  readonly #read: () => AsyncIterable<P>;
  readonly #noun: string;
  #first: Promise<P> | undefined;

  /** A list read page by page by `read` (called afresh for each iteration) of `noun` (`'users'`: for messages). */
  constructor(read: () => AsyncIterable<P>, noun = 'items') {
    this.#read = read;
    this.#noun = noun;
  }

  /** A list Domo answers in one read: its only page is everything. */
  static single<T, P extends DomoPage<T, unknown>>(read: () => Promise<P>, noun?: string): DomoList<T, P> {
    return new DomoList<T, P>(async function* () {
      yield await read();
    }, noun);
  }

  /** The first page (read once, however often the list is awaited). */
  firstPage(): Promise<P> {
    this.#first ??= firstOf(this.#read());
    return this.#first;
  }

  then<A = P, B = never>(
    onFulfilled?: ((page: P) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<P | B> {
    return this.firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<P> {
    return this.firstPage().finally(onFinally);
  }

  /** The pages as they arrive. */
  pages(): AsyncIterable<P> {
    return this.#read();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.#read()) yield* page;
  }

  /** Every item, at most `max`; more is a `DomoInputError` (asked before anything is read) rather than a silent cut. */
  async toArray(options: { max: number }): Promise<T[]> {
    const max = options?.max;
    if (!Number.isInteger(max) || max < 1)
      throw new DomoInputError(`toArray needs { max }, a whole number ≥ 1, got ${describe(max)}`, {
        field: 'max',
        route: 'toArray',
      });
    const items: T[] = [];
    for await (const item of this) {
      if (items.length === max)
        throw new DomoInputError(`more than ${max} ${this.#noun}: raise max, or iterate with for await`, {
          field: 'max',
          route: 'toArray',
        });
      items.push(item);
    }
    return items;
  }

  get [Symbol.toStringTag](): string {
    return 'DomoList';
  }
}

async function firstOf<P>(pages: AsyncIterable<P>): Promise<P> {
  for await (const page of pages) return page; // leaving the loop closes the generator: nothing more is read
  return pageOf([]) as P;
}
