import { z } from 'zod';
import { dict } from '../internal/dict.js';

/**
 * The governance spec: a YAML file naming the roles, groups, default role and account sharing an instance should
 * have. Only what the file names is managed; everything else is left alone.
 */

/** The longest name a spec accepts. */
export const MAX_NAME_LENGTH = 4096;

/** How names in one map are compared: case-insensitively, surrounding spaces ignored. */
export function nameKey(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * A name as the instance holds it: exact (spaces kept, so a padded name still matches), not blank, at most
 * {@link MAX_NAME_LENGTH} characters (Domo holds names longer than its UI allows).
 */
const name = z
  .string()
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
  .refine((value) => value.trim() !== '', 'must not be empty');

/** The value schemas of the spec's name maps, for its JSON Schema (see {@link specJsonSchema}). */
const DICTS = new WeakMap<z.ZodType, { key: z.ZodType<string>; value: z.ZodType }>();

/**
 * A map of names to values, like `z.record`, held in a {@link dict} (no prototype): `__proto__`, `constructor` and
 * `toString` are names like any other, kept, never dropped or set on `Object.prototype`. Two keys that differ only
 * by case or surrounding spaces are an error at the second (`Auditors` and `auditors `): they would name one object.
 */
function nameMap<K extends z.ZodType<string>, V extends z.ZodType>(key: K, value: V, what: string) {
  const schema = z.unknown().transform((input, ctx) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.issues.push({ code: 'custom', message: `must be a map of ${what}`, input });
      return z.NEVER;
    }
    const out = dict<z.output<V>>();
    const seen = new Map<string, string>();
    for (const [rawKey, rawValue] of Object.entries(input)) {
      const keyResult = key.safeParse(rawKey);
      if (!keyResult.success) {
        const message = keyResult.error.issues[0]?.message ?? 'not a valid name';
        ctx.issues.push({ code: 'invalid_key', origin: 'record', message, path: [rawKey], input: rawKey, issues: [] });
        continue;
      }
      const first = seen.get(nameKey(keyResult.data));
      if (first !== undefined) {
        ctx.issues.push({
          code: 'custom',
          message: `${JSON.stringify(rawKey)} and ${JSON.stringify(first)} name the same ${what.replace(/s$/, '')} (names match case-insensitively, surrounding spaces ignored): keep one`,
          path: [rawKey],
          input: rawKey,
          params: { atKey: true },
        });
        continue;
      }
      seen.set(nameKey(keyResult.data), rawKey);
      const valueResult = value.safeParse(rawValue);
      if (!valueResult.success) {
        for (const issue of valueResult.error.issues)
          ctx.issues.push({ ...issue, input: rawValue, path: [rawKey, ...issue.path] });
        continue;
      }
      out[keyResult.data] = valueResult.data;
    }
    return out;
  });
  DICTS.set(schema, { key, value });
  return schema;
}

/** A user in a spec: an email (the usual way) or a numeric user id. */
export const SpecUserSchema = z.union([
  z
    .string()
    .trim()
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address'),
  z.number().int().positive(),
]);
const users = z.array(SpecUserSchema);
const grant = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be a grant (authority) name such as dataset.manage');

/** `additive`: add what is listed, remove nobody. `authoritative`: exactly what is listed. */
export const ModeSchema = z.enum(['additive', 'authoritative']);
/** How a list in a spec applies: `additive` or `authoritative`. */
export type Mode = z.infer<typeof ModeSchema>;

/** A role's grants: the exact set, or deltas (`{ add, remove }`, the only form allowed for system roles). */
export const SpecGrantsSchema = z.union([
  z.array(grant),
  z.strictObject({ add: z.array(grant).optional(), remove: z.array(grant).optional() }),
]);

/** YAML's `Name:` with nothing after it is null: the same as `{}`. */
const entry = <T extends z.ZodType>(schema: T) => z.preprocess((value) => value ?? {}, schema);

/** A role: description, grants (exact or deltas), members and how they apply. */
export const SpecRoleSchema = entry(
  z.strictObject({
    /** The role's name before: a role of that name is renamed to this one (its id, grants and members kept). */
    renamed_from: name.optional(),
    description: z.string().max(1000).optional(),
    grants: SpecGrantsSchema.optional(),
    members: users.optional(),
    /** @default 'additive' */
    membership: ModeSchema.optional(),
  }),
);

/** A group: type, description, owners, members and how they apply. */
export const SpecGroupSchema = entry(
  z.strictObject({
    /** The group's name before: a group of that name is renamed to this one (its id, owners and members kept). */
    renamed_from: name.optional(),
    type: z.enum(['open', 'adHoc', 'closed', 'dynamic']).optional(),
    description: z.string().max(1000).optional(),
    owners: users.optional(),
    members: users.optional(),
    /** @default 'additive' */
    membership: ModeSchema.optional(),
  }),
);

/** A share key: `group:<exact group name>`, or a user's email (or id). */
const shareKey = z
  .string()
  .trim()
  .regex(/^(group:.+|[^@\s]+@[^@\s]+\.[^@\s]+|\d+)$/, 'must be "group:<name>", an email or a user id');
export const SpecAccessLevelSchema = z.enum(['OWNER', 'CAN_SHARE', 'CAN_EDIT', 'CAN_VIEW']);

/** An account's sharing: shares by email or `group:<name>`, the owner, and how they apply. */
export const SpecAccountSchema = entry(
  z.strictObject({
    share: nameMap(shareKey, SpecAccessLevelSchema, 'shares').optional(),
    owner: SpecUserSchema.optional(),
    /** @default 'additive' */
    sharing: ModeSchema.optional(),
  }),
);

/** A grant, or a glob of grants: `*` stands for any characters (`admin.*`, `*.manage`), `?` for one. */
const grantPattern = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.*?-]+$/, 'must be a grant or a glob of grants such as admin.* or dataset.export');
const roleList = z.array(name).min(1, 'must name at least one role');

/** The matchers a policy rule may have: each rule has exactly one (`grant` goes with `only_roles` or `never_roles`). */
export const POLICY_MATCHERS = [
  'only_roles',
  'never_roles',
  'default_role_never',
  'account_shares',
  'group_owners_at_least',
  'token_lifetime_days_at_most',
] as const;
/** One of {@link POLICY_MATCHERS}. */
export type PolicyMatcher = (typeof POLICY_MATCHERS)[number];

/**
 * A policy rule: `deny:` or `warn:` (its message) and one matcher. A deny stops `plan` and `apply`; a warn is printed.
 * @example
 * ```yaml
 * - deny: only Admin may hold role.manage
 *   grant: role.manage
 *   only_roles: [Admin]
 * ```
 */
export const PolicyRuleSchema = z
  .strictObject({
    deny: z.string().trim().min(1).max(1000).optional(),
    warn: z.string().trim().min(1).max(1000).optional(),
    /** With `only_roles` or `never_roles`: the grant (or glob) the rule is about. */
    grant: grantPattern.optional(),
    /** Only these roles may hold `grant`. */
    only_roles: roleList.optional(),
    /** These roles must never hold `grant`. */
    never_roles: roleList.optional(),
    /** The default role (the one new users get) must hold none of these grants (or globs). */
    default_role_never: z.array(grantPattern).min(1, 'must list at least one grant').optional(),
    /** `groups_only`: credential accounts are shared with groups, never with individual users (owners aside). */
    account_shares: z.literal('groups_only').optional(),
    /** Every group has at least this many (user) owners. */
    group_owners_at_least: z.number().int().min(1).max(1000).optional(),
    /** No access token lives longer than this many days (one without an expiry lives forever). */
    token_lifetime_days_at_most: z.number().int().min(1).max(36500).optional(),
  })
  .superRefine((rule, ctx) => {
    const levels = (['deny', 'warn'] as const).filter((key) => rule[key] !== undefined);
    if (levels.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message:
          levels.length === 0 ? 'a rule needs deny: or warn: (its message)' : 'a rule is deny: or warn:, not both',
      });
    const matchers = POLICY_MATCHERS.filter((key) => rule[key] !== undefined);
    if (matchers.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `a rule has exactly one matcher (${POLICY_MATCHERS.join(', ')}); this one has ${matchers.length === 0 ? 'none' : matchers.join(' and ')}`,
      });
    const byGrant = matchers[0] === 'only_roles' || matchers[0] === 'never_roles';
    if (byGrant && rule.grant === undefined)
      ctx.addIssue({ code: 'custom', message: `${matchers[0]} needs grant: (a grant or glob)`, path: ['grant'] });
    if (!byGrant && rule.grant !== undefined && matchers.length === 1)
      ctx.addIssue({ code: 'custom', message: 'grant: goes with only_roles or never_roles', path: ['grant'] });
  });
/** A policy rule of a spec. */
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

/** The sections an environment may apply (`default_role` goes with `roles`; policies always apply). */
export const ENVIRONMENT_SECTIONS = ['roles', 'groups', 'accounts'] as const;

/** Names that differ on one instance: the spec's name → the instance's, per section. */
const nameMapping = (what: string) => nameMap(name, name, what).optional();

/**
 * One environment (an instance the spec also serves): which sections apply there, the names that differ there, and
 * values of its own merged over the spec's (field by field, per entry).
 */
export const EnvironmentSchema = entry(
  z.strictObject({
    /** The profile that signs in to it. @default the environment's name */
    profile: name.optional(),
    /** A guard: the instance it must be. */
    instance: z.string().trim().min(1).optional(),
    /** The sections that apply here. @default all */
    sections: z.array(z.enum(ENVIRONMENT_SECTIONS)).min(1).optional(),
    /** The spec's name → the name on this instance (`Snowflake - finance: Snowflake - dev`). */
    names: z
      .strictObject({
        roles: nameMapping('role names'),
        groups: nameMapping('group names'),
        accounts: nameMapping('account names'),
      })
      .optional(),
    /** Values of this environment, merged over the spec's entries field by field (by the spec's names). */
    override: z
      .strictObject({
        roles: nameMap(name, SpecRoleSchema, 'roles').optional(),
        default_role: name.optional(),
        groups: nameMap(name, SpecGroupSchema, 'groups').optional(),
        accounts: nameMap(name, SpecAccountSchema, 'accounts').optional(),
      })
      .optional(),
    /** Policy rules of this environment, judged besides the spec's. */
    policies: z.array(PolicyRuleSchema).optional(),
  }),
);
/** An environment of a spec. */
export type Environment = z.infer<typeof EnvironmentSchema>;

/** The whole spec. Keys of `roles`, `groups` and `accounts` are exact names (matched case-insensitively). */
export const SpecSchema = z.strictObject({
  /** A guard: apply refuses another instance. */
  instance: z.string().trim().min(1).optional(),
  roles: nameMap(name, SpecRoleSchema, 'roles').optional(),
  default_role: name.optional(),
  groups: nameMap(name, SpecGroupSchema, 'groups').optional(),
  accounts: nameMap(name, SpecAccountSchema, 'accounts').optional(),
  /** Rules over the state the spec leads to (plan, apply, validate) and over the live instance (audit). */
  policies: z.array(PolicyRuleSchema).optional(),
  /** The instances this spec serves, each with its own overlay (`--profiles dev,stage,prod`). */
  environments: nameMap(name, EnvironmentSchema, 'environments').optional(),
});

/** A parsed, checked spec. */
export type Spec = z.infer<typeof SpecSchema>;
/** A role in a spec. */
export type SpecRole = z.infer<typeof SpecRoleSchema>;
/** A group in a spec. */
export type SpecGroup = z.infer<typeof SpecGroupSchema>;
/** An account's sharing in a spec. */
export type SpecAccount = z.infer<typeof SpecAccountSchema>;

/** The JSON Schema of the spec, generated from the zod schema, for editors (`# yaml-language-server: $schema=…`). */
export function specJsonSchema(): Record<string, unknown> {
  const options = { io: 'input', unrepresentable: 'any' } as const;
  const override = (ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => {
    const map = DICTS.get(ctx.zodSchema as z.ZodType);
    if (!map) return;
    const { $schema: _schema, ...record } = z.toJSONSchema(z.record(map.key, map.value), { ...options, override });
    Object.assign(ctx.jsonSchema, record);
  };
  return {
    ...z.toJSONSchema(SpecSchema, { ...options, override }),
    $id: 'domo-admin/schema/spec.schema.json',
    title: 'domo-admin governance spec',
    description:
      'Roles, groups, the default role and account sharing of a Domo instance. Only what the file names is managed.',
  };
}
