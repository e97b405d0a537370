import { inspect } from 'node:util';
import { z } from 'zod';
import { DomoInputError } from '../../client/errors.js';
import { Secret } from '../../client/secret.js';
import { checkNoMaskedValues, type ConfigValue, type ConfigValues } from '../../routes/account/input.js';

/** How a config field is treated: shown, or wrapped in a `Secret`. `required` fields must be present on create. */
export interface FieldSpec {
  secret?: boolean;
  required?: boolean;
}

/** What the registry knows of one provider's config. */
export interface ProviderConfigSpec {
  dataProviderType: string;
  /** `fields`: a stored config. `oauth`: the credential is a user's OAuth grant; nothing is stored. */
  storage: 'fields' | 'oauth';
  fields: Record<string, FieldSpec>;
}

const S = { secret: true } as const;
const SR = { secret: true, required: true } as const;
const R = { required: true } as const;
const P = {} as const;
const external = { allowExternalUse: P };

const snowflakeKeyPair = { account: R, username: R, role: P, privateKey: SR, passPhrase: S, ...external };
const athena = { awsAccessKey: R, awsSecretKey: SR, s3StagingDir: R, region: P, workgroup: P, ...external };
const s3 = { accessKey: R, secretKey: SR, bucket: R, region: P, ...external };

/** The providers of domo-api.md §3. Any other provider falls back to "every value is a secret". */
const SPECS: ProviderConfigSpec[] = [
  spec('abstract-credential-store', { credentials: SR, ...external }),
  spec('domo-access-token', { domoAccessToken: SR, username: P, password: S, ...external }),
  spec('dataset-copy', { instance: R, accessToken: SR, ...external }),
  spec('domo-governance-d14c2fef-49a8-4898-8ddd-f64998005600', { apikey: SR, customer: R, ...external }),
  spec('snowflake', { account: R, username: R, password: SR, role: P, ...external }),
  spec('snowflake-unload-v2', {
    account: R,
    username: R,
    password: SR,
    accessKey: P,
    secretKey: S,
    bucket: P,
    region: P,
    role: P,
    ...external,
  }),
  spec('snowflake-unload', {
    account: R,
    username: R,
    password: SR,
    accessKey: P,
    secretKey: S,
    bucket: P,
    ...external,
  }),
  spec('snowflake-internal-unload', { account: R, username: R, password: SR, role: P, ...external }),
  spec('snowflake-internal-unload-advanced-partition', { account: R, username: R, password: SR, role: P, ...external }),
  spec('snowflake-writeback', {
    account: R,
    username: R,
    password: SR,
    role: P,
    domoClientId: P,
    domoClientSecret: S,
    ...external,
  }),
  spec('snowflake-federated', { host: R, port: P, warehouse: P, user: R, password: SR, role: P, ...external }),
  spec('snowflakekeypairauthentication', snowflakeKeyPair),
  spec('snowflake-key-pair-writeback', snowflakeKeyPair),
  spec('snowflake-keypair-internal-managed-unload', snowflakeKeyPair),
  spec('snowflake-key-pair-unload-v2', {
    ...snowflakeKeyPair,
    accessKey: P,
    secretKey: S,
    bucket: P,
    region: P,
    encryptionType: P,
  }),
  spec('amazon-s3', s3),
  spec('amazons3-advanced', s3),
  spec('aws-athena', athena),
  spec('amazon-athena-high-bandwidth', athena),
  spec('snowflake-oauth-config', { 'client-id': R, 'client-secret': SR }),
  spec('jira-on-prem-oauth-config', { client_id: R, client_secret: SR }),
  { dataProviderType: 'google-spreadsheets', storage: 'oauth', fields: {} },
];

function spec(dataProviderType: string, fields: Record<string, FieldSpec>): ProviderConfigSpec {
  return { dataProviderType, storage: 'fields', fields };
}

const REGISTRY = new Map(SPECS.map((s) => [s.dataProviderType, s]));

/** The registry entry for a provider, if it is one domo-admin knows. */
export function providerConfigSpec(dataProviderType: string): ProviderConfigSpec | undefined {
  return REGISTRY.get(dataProviderType);
}

/** The keys a provider's config must hold (none for a provider the registry does not know). */
export function requiredConfigKeys(dataProviderType: string): string[] {
  return Object.entries(providerConfigSpec(dataProviderType)?.fields ?? {})
    .filter(([, field]) => field.required)
    .map(([key]) => key);
}

/** Every provider the registry knows. */
export function knownProviderTypes(): string[] {
  return [...REGISTRY.keys()];
}

const plainValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const secretValue = plainValue.transform((value): ConfigValue | Secret =>
  typeof value === 'string' ? new Secret(value) : value,
);
const schemas = new Map<string, z.ZodType<Record<string, ConfigValue | Secret>>>();

/**
 * The zod schema of a provider's config: known fields typed, secret fields turned into `Secret`s, and any
 * field the registry does not list kept but held as a secret. Unknown providers: every value a secret.
 */
export function providerConfigSchema(dataProviderType: string): z.ZodType<Record<string, ConfigValue | Secret>> {
  let schema = schemas.get(dataProviderType);
  if (!schema) {
    const providerSpec = providerConfigSpec(dataProviderType);
    const shape = Object.fromEntries(
      Object.entries(providerSpec?.fields ?? {}).map(([key, field]) => [
        key,
        (field.secret ? secretValue : plainValue).optional(),
      ]),
    );
    schema = z.object(shape).catchall(secretValue) as z.ZodType<Record<string, ConfigValue | Secret>>;
    schemas.set(dataProviderType, schema);
  }
  return schema;
}

/** A config value as held in memory: secrets wrapped. */
export type HeldValue = ConfigValue | Secret;

/** Whether a field is held as a `Secret`: a secret field of the registry, or any field it does not list. */
export function isSecretField(providerSpec: ProviderConfigSpec | undefined, key: string): boolean {
  const field = providerSpec && Object.hasOwn(providerSpec.fields, key) ? providerSpec.fields[key] : undefined;
  return field ? field.secret === true : true;
}

const PLAIN_TYPES = new Set(['string', 'number', 'boolean']);

/**
 * The values held: a frozen plain object (a third of a `Map`'s size; `Object.create(null)` would be a slow
 * dictionary, larger still), secret strings wrapped. Values were
 * validated where they entered (the config route's schema, or `plainConfig`); this only checks their kind.
 */
function holdValues(dataProviderType: string, values: ConfigValues): Readonly<Record<string, HeldValue>> {
  const providerSpec = providerConfigSpec(dataProviderType);
  const held: Record<string, HeldValue> = {};
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (value === undefined) continue;
    if (value !== null && !PLAIN_TYPES.has(typeof value))
      throw new DomoInputError(
        `config for ${dataProviderType} has values that are not text, numbers, booleans or null`,
        { field: 'config' },
      );
    const kept = typeof value === 'string' && isSecretField(providerSpec, key) ? new Secret(value) : value;
    // A key named __proto__ (JSON allows it) must stay a field, not become the object's prototype.
    if (key === '__proto__') Object.defineProperty(held, key, { value: kept, enumerable: true });
    else held[key] = kept;
  }
  return Object.freeze(held);
}

/**
 * A provider config held safely: secret fields (per the registry; every field of an unknown provider) are
 * `Secret`s, so printing, logging or serialising a config never shows them.
 *
 * @example
 * ```ts
 * const config = (await DomoAccount.get(auth, 71, { withConfig: true, unmask: true })).config!;
 * config.get('username');            // 'svc_domo'
 * config.get('password');            // Secret: prints [REDACTED]
 * config.reveal().password;          // the clear text, to send somewhere on purpose
 * ```
 */
export class AccountConfig {
  readonly dataProviderType: string;
  /** False for OAuth-credential providers (e.g. google-spreadsheets): they store no config. */
  readonly stored: boolean;
  /** True when read without `unmask`: secret values are Domo's `{encrypted}…` placeholders, not the secrets. */
  readonly masked: boolean;
  readonly #values: Readonly<Record<string, HeldValue>>;

  constructor(dataProviderType: string, values: ConfigValues, options: { masked?: boolean } = {}) {
    this.dataProviderType = dataProviderType;
    this.stored = providerConfigSpec(dataProviderType)?.storage !== 'oauth';
    this.masked = options.masked ?? false;
    this.#values = holdValues(dataProviderType, values);
  }

  /** The config of a provider that stores none. */
  static none(dataProviderType: string): AccountConfig {
    return new AccountConfig(dataProviderType, {});
  }

  /** Field names. */
  keys(): string[] {
    return Object.keys(this.#values);
  }

  /** One field; a secret field is a `Secret`. */
  get(key: string): HeldValue | undefined {
    return Object.hasOwn(this.#values, key) ? this.#values[key] : undefined;
  }

  /** The names of the fields held as secrets. */
  secretKeys(): string[] {
    return this.keys().filter((key) => this.#values[key] instanceof Secret);
  }

  /** Every field in clear text, to send to Domo. Refuses a masked config: its "secrets" are placeholders. */
  reveal(): ConfigValues {
    if (this.masked)
      throw new DomoInputError(
        'this config was read masked: its secrets are {encrypted} placeholders; read it with { unmask: true } first',
        { field: 'config' },
      );
    return Object.fromEntries(
      Object.entries(this.#values).map(([key, value]) => [key, value instanceof Secret ? value.reveal() : value]),
    );
  }

  /** Every secret value, for scrubbing. */
  secretValues(): Secret[] {
    return Object.values(this.#values).filter((value): value is Secret => value instanceof Secret);
  }

  /** The fields with secrets as `[REDACTED]`. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(this.#values).map(([key, value]) => [key, value instanceof Secret ? '[REDACTED]' : value]),
    );
  }

  /** The provider and field names, no values. */
  toString(): string {
    return `AccountConfig(${this.dataProviderType}: ${this.keys().join(', ') || (this.stored ? 'empty' : 'no stored config')})`;
  }

  /** The fields with secrets as `[REDACTED]`. */
  [inspect.custom](): string {
    if (!this.stored) return `AccountConfig { ${this.dataProviderType}: no stored config (OAuth) }`;
    const shown = Object.entries(this.#values).map(
      ([key, value]) => `${key}: ${value instanceof Secret ? '[REDACTED]' : inspect(value)}`,
    );
    return `AccountConfig { ${shown.join(', ')}${this.masked ? ' (masked)' : ''} }`;
  }
}

/** A config value given by a caller: plain values, or `Secret`s. */
export type ConfigInput = Record<string, HeldValue | undefined>;

/** Unwraps `Secret`s and drops `undefined` (patch semantics: undefined means unchanged). */
export function plainConfig(input: ConfigInput, field = 'config'): ConfigValues {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new DomoInputError(`${field} must be an object of provider fields`, { field });
  const out: ConfigValues = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (value instanceof Secret) out[key] = value.reveal();
    else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    else
      throw new DomoInputError(`${field}.${key} must be a string, number, boolean, null or Secret`, {
        field: `${field}.${key}`,
      });
  }
  return out;
}

/**
 * Checks a config before it replaces the stored one: no unknown keys for a known provider, every required key
 * present (when `complete`), no `{encrypted}` placeholder that would overwrite a secret with its mask.
 */
export function checkConfigForProvider(
  dataProviderType: string,
  config: ConfigValues,
  options: { complete: boolean },
): void {
  const providerSpec = providerConfigSpec(dataProviderType);
  checkNoMaskedValues(config);
  if (!providerSpec) return;
  if (providerSpec.storage === 'oauth')
    throw new DomoInputError(`${dataProviderType} uses OAuth: it has no stored config to write`, { field: 'config' });
  const known = Object.keys(providerSpec.fields);
  const unknown = Object.keys(config).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new DomoInputError(
      `unknown ${dataProviderType} config keys: ${unknown.join(', ')}; valid keys: ${known.join(', ')}`,
      { field: `config.${unknown[0]}` },
    );
  if (!options.complete) return;
  const missing = known.filter(
    (key) =>
      providerSpec.fields[key]?.required && (config[key] === undefined || config[key] === null || config[key] === ''),
  );
  if (missing.length > 0)
    throw new DomoInputError(`${dataProviderType} config is missing required keys: ${missing.join(', ')}`, {
      field: `config.${missing[0]}`,
    });
}

/** The config of a new account or template: plain values, checked to be complete for its provider. */
export function newConfig(dataProviderType: unknown, config: ConfigInput | undefined): ConfigValues {
  const values = plainConfig(config as ConfigInput);
  if (typeof dataProviderType === 'string') checkConfigForProvider(dataProviderType, values, { complete: true });
  return values;
}
