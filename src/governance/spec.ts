import { z } from 'zod';

/**
 * The governance spec: a YAML file naming the roles, groups, default role and account sharing an instance should
 * have. Only what the file names is managed; everything else is left alone.
 */

const name = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
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
    share: z.record(shareKey, SpecAccessLevelSchema).optional(),
    owner: SpecUserSchema.optional(),
    /** @default 'additive' */
    sharing: ModeSchema.optional(),
  }),
);

/** The whole spec. Keys of `roles`, `groups` and `accounts` are exact names (matched case-insensitively). */
export const SpecSchema = z.strictObject({
  /** A guard: apply refuses another instance. */
  instance: z.string().trim().min(1).optional(),
  roles: z.record(name, SpecRoleSchema).optional(),
  default_role: name.optional(),
  groups: z.record(name, SpecGroupSchema).optional(),
  accounts: z.record(name, SpecAccountSchema).optional(),
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
  return {
    ...z.toJSONSchema(SpecSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/domo-admin/domo-admin/schema/spec.schema.json',
    title: 'domo-admin governance spec',
    description:
      'Roles, groups, the default role and account sharing of a Domo instance. Only what the file names is managed.',
  };
}
