import { z } from 'zod';

/** A role (domo-api.md §5.8); ms epochs stay numbers here. */
export const RoleSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable().optional(),
  authorityCount: z.number().int().optional(),
  userCount: z.number().int().optional(),
  created: z.number().nullable().optional(),
  modified: z.number().nullable().optional(),
});
/** A role as Domo answers it. */
export type Role = z.infer<typeof RoleSchema>;

/** What create answers: `{ id, name, description }`. */
export const CreatedRoleSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable().optional(),
});
/** What role creation answers. */
export type CreatedRole = z.infer<typeof CreatedRoleSchema>;

/** A role member; the optional profile fields may be absent or null. */
export const RoleMemberSchema = z.looseObject({
  userId: z.number().int(),
  email: z.string().nullable().optional(),
  displayName: z.string().nullable().optional(),
  roleId: z.number().int().nullable().optional(),
  department: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  hireDate: z.number().nullable().optional(),
  location: z.string().nullable().optional(),
});
/** A user holding a role. */
export type RoleMember = z.infer<typeof RoleMemberSchema>;

/** One entry of the authorities (grants) catalogue. */
export const AuthoritySchema = z.looseObject({
  authority: z.string(),
  title: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  authorityUIGroup: z.string().nullable().optional(),
  dependsOnAuthorities: z.array(z.string()).nullable().optional(),
  roleIds: z.array(z.number().int()).nullable().optional(),
});
/** One grant of the authorities catalogue. */
export type Authority = z.infer<typeof AuthoritySchema>;

/** A customer-state object `{ name, value }`; the default role id arrives as a string. */
export const CustomerStateSchema = z.looseObject({
  name: z.string().optional(),
  value: z.union([z.string(), z.number()]),
});
