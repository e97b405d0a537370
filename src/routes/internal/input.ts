import { DomoInputError } from '../../client/errors.js';
import { describe } from '../../client/input.js';

export { describe };

/** Checks a Domo object id: a positive safe integer (a string of digits is accepted and converted). */
export function checkId(value: unknown, field = 'id', route?: string): number {
  const id = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new DomoInputError(`${field} must be a positive integer, got ${describe(value)}`, { field, route });
  }
  return id;
}

/** Checks that an argument is a plain object (not null, an array or a primitive); `shape` says what it should hold. */
export function checkObject(value: unknown, field: string, route: string, shape: string): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomoInputError(`${route} needs ${shape}, got ${describe(value)}`, { field, route });
  }
}

/** Checks a list of ids: a non-empty array of positive integers, duplicates removed (order kept). */
export function checkIds(value: unknown, field: string, route?: string): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DomoInputError(`${field} must be a non-empty array of positive integers, got ${describe(value)}`, { field, route });
  }
  return [...new Set(value.map((item: unknown, index) => checkId(item, `${field}[${index}]`, route)))];
}

/** Checks a display name: a string, trimmed, 1–255 characters. Returns it trimmed. */
export function checkName(value: unknown, field = 'name', route?: string): string {
  if (typeof value !== 'string') throw new DomoInputError(`${field} must be a string, got ${describe(value)}`, { field, route });
  const trimmed = value.trim();
  if (trimmed === '') throw new DomoInputError(`${field} must not be empty`, { field, route });
  if (trimmed.length > 255) throw new DomoInputError(`${field} must be at most 255 characters, got ${trimmed.length}`, { field, route });
  return trimmed;
}

/** Checks a free-text field that may be empty (a description). */
export function checkText(value: unknown, field: string, route?: string, max = 1000): string {
  if (typeof value !== 'string') throw new DomoInputError(`${field} must be a string, got ${describe(value)}`, { field, route });
  if (value.length > max) throw new DomoInputError(`${field} must be at most ${max} characters, got ${value.length}`, { field, route });
  return value;
}

const PROVIDER_KEY = /^[a-z0-9][a-z0-9._-]{0,199}$/i;

/** Checks a data provider key such as `snowflake` or `abstract-credential-store`. */
export function checkProviderType(value: unknown, route?: string): string {
  if (typeof value !== 'string' || !PROVIDER_KEY.test(value.trim())) {
    throw new DomoInputError(`dataProviderType must be a provider key such as "snowflake", got ${describe(value)}`, { field: 'dataProviderType', route });
  }
  return value.trim();
}

/** A config value Domo stores: text, a number, a boolean, or null. */
export type ConfigValue = string | number | boolean | null;
/** A provider config: a flat object of config values. */
export type ConfigValues = Record<string, ConfigValue>;

/** Checks a provider config: a plain object whose values are strings, numbers, booleans or null. */
export function checkConfig(value: unknown, route?: string): ConfigValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new DomoInputError(`config must be a plain object of provider fields, got ${describe(value)}`, { field: 'config', route });
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && !['string', 'number', 'boolean'].includes(typeof item)) {
      throw new DomoInputError(`config.${key} must be a string, number, boolean or null, got ${describe(item)}`, { field: `config.${key}`, route });
    }
  }
  return { ...(value as ConfigValues) };
}

/** Domo's mask for a secret read without `unmask`. */
const MASKED = /^\{encrypted\}/;

/**
 * Refuses a config that holds `{encrypted}` placeholders from a masked read: writing one back would replace the
 * real secret with its mask.
 * @throws {DomoInputError} naming the keys (never the values)
 */
export function checkNoMaskedValues(config: ConfigValues, route?: string): ConfigValues {
  const masked = Object.keys(config).filter((key) => {
    const value = config[key];
    return typeof value === 'string' && MASKED.test(value);
  });
  if (masked.length > 0) {
    throw new DomoInputError(`config ${masked.join(', ')} hold {encrypted} placeholders from a masked read; writing them would replace the secrets with their masks (read the config with unmask: true)`, { field: `config.${masked[0]}`, route });
  }
  return config;
}
