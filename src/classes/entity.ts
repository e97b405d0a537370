import 'reflect-metadata';
import { inspect } from 'node:util';
import { plainToInstance, Transform } from 'class-transformer';
import type { DomoAuth } from '../auth/base.js';
import type { RequestOptions } from '../client/options.js';
import { cacheMetadataLookups } from './metadata-cache.js';

cacheMetadataLookups();

/**
 * How entities are hydrated: only the fields a class exposes. (Not `strategy: 'excludeAll'`: it would also empty
 * the nested plain objects a `@Transform` reads, such as a template's `owners`.)
 */
const HYDRATE = { excludeExtraneousValues: true } as const;

/** Reads a Domo ms-epoch (or ISO string) as a `Date`; null and absent stay undefined. */
export function EpochDate(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => toDate(value), { toClassOnly: true });
}

function toDate(value: unknown): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Date.parse(value))) return new Date(value);
  return undefined;
}

/** What every entity and manager method that sends requests accepts: a signal and a per-attempt timeout. */
export type CallOptions = Pick<RequestOptions, 'signal' | 'timeoutMs' | 'onRequest'>;

/** Only the per-call options a request takes, so that method options (`replace`, `unmask`…) never reach a route. */
export function callOptions(options: CallOptions): CallOptions {
  const picked: CallOptions = {};
  if (options.signal !== undefined) picked.signal = options.signal;
  if (options.timeoutMs !== undefined) picked.timeoutMs = options.timeoutMs;
  if (options.onRequest !== undefined) picked.onRequest = options.onRequest;
  return picked;
}

/** A concrete entity class that class-transformer can construct. */
export type EntityClass<T extends DomoEntity> = new () => T;

/**
 * The base of every entity: fields hydrated from a validated response with class-transformer, plus the auth
 * it came through and the raw response, both non-enumerable so they never show in JSON, `console.table` or
 * the REPL.
 */
export abstract class DomoEntity {
  /** The auth this entity was read with; its methods use it. */
  declare readonly auth: DomoAuth;
  /** The validated response it was built from (unknown fields included). */
  declare readonly raw: Readonly<Record<string, unknown>>;

  /** Builds an entity from a validated response. */
  static hydrate<T extends DomoEntity>(this: EntityClass<T>, auth: DomoAuth, raw: object): T {
    const entity = plainToInstance(this, raw, HYDRATE);
    define(entity, 'auth', auth);
    define(entity, 'raw', raw);
    return entity;
  }

  /** Builds entities from many validated rows in one class-transformer pass (cheaper than one call each). */
  static hydrateMany<T extends DomoEntity>(this: EntityClass<T>, auth: DomoAuth, rows: readonly object[]): T[] {
    const entities = plainToInstance(this, rows as object[], HYDRATE);
    entities.forEach((entity, index) => {
      define(entity, 'auth', auth);
      define(entity, 'raw', rows[index]);
    });
    return entities;
  }

  /** Takes the fields of a fresh response (after a rename, a refresh…), keeping this object's identity. */
  protected adopt(raw: object): this {
    const fresh = plainToInstance(this.constructor as EntityClass<this>, raw, HYDRATE);
    Object.assign(this, fresh);
    define(this, 'raw', raw);
    return this;
  }

  /** One line for the REPL and logs, e.g. `DomoAccount #71 "domo_creds" abstract-credential-store`. */
  abstract summary(): string;

  /** The one-line summary. */
  toString(): string {
    return this.summary();
  }

  /** What `util.inspect` and the REPL show: the one-line summary. */
  [inspect.custom](): string {
    return this.summary();
  }
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

/** Entity classes by kind, for the one relation that would otherwise be an import loop (a user's groups). */
const ENTITIES = new Map<string, unknown>();

/** Makes an entity class findable by {@link entityClass}; its module calls this when it loads. */
export function registerEntity(kind: string, type: unknown): void {
  ENTITIES.set(kind, type);
}

/**
 * The entity class registered for `kind`. Used where two families hold each other (a group's members are users, a
 * user's groups are groups): one side imports the other, the other looks it up here, so the modules do not import
 * each other.
 */
export function entityClass<T>(kind: string): T {
  const type = ENTITIES.get(kind);
  if (type === undefined)
    throw new Error(`domo-admin: the ${kind} entity is not loaded (import it from 'domo-admin', not a single file)`);
  return type as T;
}
