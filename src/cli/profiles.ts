import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { authFromEnv, type DomoAuth } from '../auth/index.js';
import { DomoInputError } from '../client/errors.js';
import type { TransportOptions } from '../client/options.js';
import { loadDocument } from '../governance/load.js';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, such as DOMO_PROD_TOKEN');
const noSecret = (key: string) =>
  z
    .never({ error: `never put a secret in this file: name the environment variable that holds it with ${key}_env` })
    .optional();

/** One instance and where its credential is: the names of environment variables, never the secrets themselves. */
export const ProfileSchema = z
  .strictObject({
    instance: z.string().trim().min(1),
    /** The environment variable holding a developer token. */
    token_env: envName.optional(),
    username_env: envName.optional(),
    password_env: envName.optional(),
    /** Send requests here instead of https://{instance}.domo.com (a proxy, a sandbox). */
    base_url: z.url().optional(),
    token: noSecret('token'),
    password: noSecret('password'),
  })
  .refine((p) => p.token_env !== undefined || (p.username_env !== undefined && p.password_env !== undefined), {
    error: 'name token_env, or username_env and password_env',
  });
export type Profile = z.infer<typeof ProfileSchema>;

/** `profiles.yaml`: `profiles: { dev: { instance: acme-dev, token_env: DOMO_DEV_TOKEN }, prod: … }`. */
export const ProfilesFileSchema = z.strictObject({ profiles: z.record(z.string().trim().min(1), ProfileSchema) });

/**
 * True for a value that is more likely a pasted secret than a variable name: long, and no word separators with
 * digits in it (a Domo token is 48 hex digits), so it is never echoed in a message.
 */
function looksLikeSecret(value: string): boolean {
  return value.length >= 20 && !value.includes('_') && /\d/.test(value);
}

/** The folder domo-admin keeps its files in (profiles, snapshots): `$DOMO_ADMIN_DIR`, else `./.domo-admin`. */
export function adminDir(env: NodeJS.ProcessEnv): string {
  return env.DOMO_ADMIN_DIR || '.domo-admin';
}

/** Where profiles are read from: `$DOMO_ADMIN_PROFILES`, else `<admin dir>/profiles.yaml`, else `~/.config/domo-admin/profiles.yaml`. */
export function profilesFile(env: NodeJS.ProcessEnv): string {
  if (env.DOMO_ADMIN_PROFILES) return env.DOMO_ADMIN_PROFILES;
  const local = join(adminDir(env), 'profiles.yaml');
  return existsSync(local) ? local : join(homedir(), '.config', 'domo-admin', 'profiles.yaml');
}

/**
 * The auth for a named profile, its credential read from the environment variables the profile names.
 * @throws {DomoInputError} no profiles file, no such profile, or its variables are not set
 * @throws {DomoSpecError} the profiles file is not valid (located)
 */
export async function authFromProfile(
  name: string,
  env: NodeJS.ProcessEnv,
  transport: TransportOptions = {},
): Promise<DomoAuth> {
  const file = profilesFile(env);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new DomoInputError(
      `no profiles file at ${file}: write one (profiles: { ${name}: { instance: …, token_env: … } }) or set DOMO_ADMIN_PROFILES`,
      { field: 'profile' },
    );
  });
  const { profiles } = loadDocument(ProfilesFileSchema, text, { file, what: file, route: 'authFromProfile' });
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined; // never `toString` of Object.prototype
  if (!profile)
    throw new DomoInputError(
      `no profile "${name}" in ${file}; profiles: ${Object.keys(profiles).join(', ') || '(none)'}`,
      { field: 'profile' },
    );
  const unset = [profile.token_env ?? [profile.username_env, profile.password_env]]
    .flat()
    .filter((key): key is string => key !== undefined && !env[key]);
  if (unset.some(looksLikeSecret))
    throw new DomoInputError(
      `profile "${name}": a *_env field holds something that looks like a token or password, not the name of an environment variable (it is not shown): put the variable's name there, and the secret in that variable`,
      { field: 'profile' },
    );
  if (unset.length > 0)
    throw new DomoInputError(`profile "${name}": ${unset.join(' and ')} ${unset.length > 1 ? 'are' : 'is'} not set`, {
      field: 'profile',
    });
  return authFromEnv(
    {
      DOMO_INSTANCE: profile.instance,
      ...(profile.base_url ? { DOMO_BASE_URL: profile.base_url } : {}),
      ...(profile.token_env
        ? { DOMO_ACCESS_TOKEN: env[profile.token_env] }
        : { DOMO_USERNAME: env[profile.username_env ?? ''], DOMO_PASSWORD: env[profile.password_env ?? ''] }),
    },
    transport,
  );
}
