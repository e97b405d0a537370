import { DomoInputError } from '../client/errors.js';
import type { TransportOptions } from '../client/options.js';
import type { DomoAuth } from './base.js';
import { DomoFullAuth } from './full.js';
import { DomoTokenAuth } from './token.js';

/**
 * Builds an auth from environment variables: `DOMO_INSTANCE` plus either `DOMO_ACCESS_TOKEN` (preferred when
 * both are set) or `DOMO_USERNAME` + `DOMO_PASSWORD`; `DOMO_BASE_URL` optionally points elsewhere (a proxy,
 * the sandbox). `DOMO_LOG` sets the log level.
 *
 * @throws {DomoInputError} naming the missing variables
 * @example
 * ```ts
 * const auth = authFromEnv();           // reads process.env
 * const other = authFromEnv({ DOMO_INSTANCE: 'acme', DOMO_ACCESS_TOKEN: '…' });
 * ```
 */
export function authFromEnv(env: NodeJS.ProcessEnv = process.env, options: TransportOptions = {}): DomoAuth {
  const instance = present(env.DOMO_INSTANCE);
  const baseUrl = present(env.DOMO_BASE_URL) ?? options.baseUrl;
  if (!instance)
    throw new DomoInputError('DOMO_INSTANCE is not set (the subdomain of https://{instance}.domo.com)', {
      field: 'DOMO_INSTANCE',
    });
  const shared = { ...options, instance, ...(baseUrl ? { baseUrl } : {}) };
  const token = present(env.DOMO_ACCESS_TOKEN);
  if (token) return new DomoTokenAuth({ ...shared, token });
  const username = present(env.DOMO_USERNAME);
  const password = env.DOMO_PASSWORD;
  if (username && password) return new DomoFullAuth({ ...shared, username, password });
  throw new DomoInputError(
    'no Domo credential in the environment: set DOMO_ACCESS_TOKEN, or DOMO_USERNAME and DOMO_PASSWORD',
    { field: 'DOMO_ACCESS_TOKEN' },
  );
}

/** True when the environment names an instance and a credential. */
export function hasEnvCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    present(env.DOMO_INSTANCE) && (present(env.DOMO_ACCESS_TOKEN) || (present(env.DOMO_USERNAME) && env.DOMO_PASSWORD)),
  );
}

function present(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
