import { DomoInputError } from '../../client/errors.js';
import { describe } from '../../internal/input.js';

/** Input checks of the account family: provider keys and provider configs. */

const PROVIDER_KEY = /^[a-z0-9][a-z0-9._-]{0,199}$/i;

/** Checks a data provider key such as `snowflake` or `abstract-credential-store`. */
export function checkProviderType(value: unknown, route?: string): string {
  if (typeof value !== 'string' || !PROVIDER_KEY.test(value.trim())) {
    throw new DomoInputError(`dataProviderType must be a provider key such as "snowflake", got ${describe(value)}`, {
      field: 'dataProviderType',
      route,
    });
  }
  return value.trim();
}

/** A config value Domo stores: text, a number, a boolean, or null. */
export type ConfigValue = string | number | boolean | null;
/** A provider config: a flat object of config values. */
export type ConfigValues = Record<string, ConfigValue>;

/** Checks a provider config: a plain object whose values are strings, numbers, booleans or null. */
export function checkConfig(value: unknown, route?: string): ConfigValues {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    throw new DomoInputError(`config must be a plain object of provider fields, got ${describe(value)}`, {
      field: 'config',
      route,
    });
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && !['string', 'number', 'boolean'].includes(typeof item)) {
      throw new DomoInputError(`config.${key} must be a string, number, boolean or null, got ${describe(item)}`, {
        field: `config.${key}`,
        route,
      });
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
    throw new DomoInputError(
      `config ${masked.join(', ')} hold {encrypted} placeholders from a masked read; writing them would replace the secrets with their masks (read the config with unmask: true)`,
      { field: `config.${masked[0]}`, route },
    );
  }
  return config;
}
