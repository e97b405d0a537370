import { z } from 'zod';

/**
 * The documented `--json` schema of every kind the CLI prints (see `kinds.ts`, which makes them): strict, so a field
 * a command adds on its own fails the tests that hold every command to these. `domo-admin schema --kind <kind>`
 * prints one as JSON Schema.
 */

const date = z.iso.datetime().nullable();
const text = z.string().nullable();
const id = z.number().int().nonnegative();

const principal = z.strictObject({ type: z.enum(['user', 'group']), id, name: text });

const user = z.strictObject({
  id,
  displayName: text,
  email: text,
  roleId: id.nullable(),
  role: text,
  title: text,
  department: text,
  phoneNumber: text,
  employeeId: text,
  hireDate: date,
  lastActivity: date,
  createdAt: date,
  active: z.boolean().nullable(),
  groups: z.array(z.strictObject({ id, name: z.string() })).optional(),
  instance: z.string().optional(),
});

const role = z.strictObject({
  id,
  name: z.string(),
  description: text,
  isDefault: z.boolean().nullable(),
  isSystem: z.boolean(),
  grantCount: z.number().int().nullable(),
  memberCount: z.number().int().nullable(),
  createdAt: date,
  modifiedAt: date,
  grants: z.array(z.string()).optional(),
  members: z.array(user).optional(),
});

const group = z.strictObject({
  id,
  name: z.string(),
  description: text,
  type: z.string(),
  memberCount: z.number().int().nullable(),
  createdAt: date,
  owners: z.array(principal).optional(),
  members: z.array(user).optional(),
});

const credential = {
  id,
  name: z.string(),
  displayName: z.string(),
  provider: z.string(),
  credentialsType: text,
  createdAt: date,
  createdBy: id.nullable(),
  modifiedAt: date,
  modifiedBy: id.nullable(),
  owners: z.array(principal).nullable(),
  access: z.array(principal.extend({ accessLevel: z.string() })).optional(),
  config: z.record(z.string(), z.unknown()).nullable().optional(),
};

const account = z.strictObject({ ...credential, valid: z.boolean().nullable() });
const oauthTemplate = z.strictObject({ ...credential, enabled: z.boolean().nullable(), origin: text });

const grant = z.strictObject({
  id: z.string(),
  title: text,
  description: text,
  group: text,
  dependsOn: z.array(z.string()),
});

const changeItem = z.strictObject({
  type: z.enum(['user', 'group', 'grant']),
  id: z.union([id, z.string()]),
  name: text,
  as: z.string(),
});

const dataset = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: text,
  provider: text,
  owner: principal.nullable(),
  accountId: id.nullable(),
  rowCount: z.number().int().nullable(),
  columnCount: z.number().int().nullable(),
  createdAt: date,
  lastUpdated: date,
  access: z.array(principal.extend({ accessLevel: z.string() })).optional(),
});

const card = z.strictObject({
  id,
  title: z.string(),
  type: text,
  owners: z.array(principal),
  datasetIds: z.array(z.string()),
  createdAt: date,
  lastModified: date,
});

const page = z.strictObject({
  id,
  title: z.string(),
  parentPageId: id.nullable(),
  owners: z.array(principal),
  cardIds: z.array(id),
});

/** The single-owner content types (`content` items and changes name them): the kinds of `SINGLE_OWNER_FAMILIES`. */
export const CONTENT_TYPES = [
  'dataflow',
  'beastMode',
  'appDbCollection',
  'alert',
  'workflow',
  'codeEnginePackage',
  'jupyterWorkspace',
  'fileset',
  'reportSchedule',
] as const;

const content = z.strictObject({
  type: z.enum(CONTENT_TYPES),
  id: z.union([id, z.string()]),
  name: z.string(),
  owner: principal.nullable(),
  createdAt: date,
  lastModified: date,
  details: z.record(z.string(), z.unknown()),
});

const app = z.strictObject({
  id,
  title: z.string(),
  owners: z.array(principal),
  lastModified: date,
  access: z.array(principal.extend({ accessLevel: z.string() })).optional(),
});

const accessToken = z.strictObject({
  id: z.string(),
  name: z.string(),
  owner: principal.nullable(),
  ownerEmail: text,
  ownerDeleted: z.boolean().nullable(),
  ownerActive: z.boolean().nullable(),
  expiresAt: date,
  expiresInDays: z.number().int().nullable(),
  createdAt: date,
});

const apiClient = z.strictObject({
  id: z.string(),
  name: z.string(),
  clientId: text,
  owner: principal.nullable(),
  ownerDeleted: z.boolean().nullable(),
  scopes: z.array(z.string()),
  description: text,
});

const session = z.strictObject({ id: z.string(), user: principal, createdAt: date });

/** What `tokens create` and `tokens rotate` print: the token, and its value unless it was stored in an account. */
const newAccessToken = z.strictObject({
  token: accessToken,
  value: z.string().nullable(),
  storedIn: z.strictObject({ id, name: z.string(), field: z.string() }).nullable(),
});

const change = z.strictObject({
  type: z.enum([
    'role',
    'group',
    'account',
    'oauthTemplate',
    'user',
    'dataset',
    'card',
    'page',
    'app',
    ...CONTENT_TYPES,
  ]),
  id: z.union([id, z.string()]),
  name: text,
  added: z.array(changeItem),
  removed: z.array(changeItem),
  deleted: z.boolean(),
});

const activityEvent = z.strictObject({
  time: z.iso.datetime(),
  userId: id.nullable(),
  userName: text,
  actionType: z.string(),
  objectType: z.string(),
  objectId: text,
  objectName: text,
  eventText: text,
  additionalComment: text,
});

const activityExport = z.strictObject({
  out: z.string(),
  events: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  complete: z.boolean(),
  failed: z.array(
    z.strictObject({
      label: z.string(),
      objectType: z.string(),
      from: z.iso.datetime(),
      to: z.iso.datetime(),
      error: z.string(),
    }),
  ),
  failedFile: text,
});

const error = z
  .object({
    name: z.string(),
    message: z.string(),
    status: z.number().int().nullable(),
    exitCode: z.number().int(),
  })
  .loose();

/**
 * A run over `--profiles` (`apply`, `diff`, `audit`): the worst exit code, and each instance's exit code and result
 * (what the command gives for one instance) or error. (`plan` gives its versioned document; `validate` its own.)
 */
const instances = z.strictObject({
  exitCode: z.number().int(),
  instances: z.array(
    z.strictObject({
      profile: z.string(),
      instance: z.string().nullable(),
      exitCode: z.number().int(),
      result: z.unknown().optional(),
      error: z.strictObject({ name: z.string(), message: z.string() }).optional(),
    }),
  ),
});

/** Every kind's schema, by the name `schema --kind` takes. */
export const KIND_SCHEMAS = {
  user,
  role,
  group,
  account,
  oauthTemplate,
  grant,
  dataset,
  card,
  page,
  app,
  content,
  accessToken,
  newAccessToken,
  apiClient,
  session,
  activityEvent,
  activityExport,
  change,
  instances,
  error,
} as const;

export type Kind = keyof typeof KIND_SCHEMAS;

/** A list of a kind, as every list command prints it. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), failed: z.array(z.strictObject({ id, error: z.string() })) });
}

/** A kind's schema as JSON Schema (draft 2020-12), titled and described for a reader. */
export function kindJsonSchema(kind: Kind): Record<string, unknown> {
  return { title: `domo-admin --json: ${kind}`, ...z.toJSONSchema(KIND_SCHEMAS[kind], { io: 'output' }) };
}
