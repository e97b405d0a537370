import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/**
 * The user fields domo-admin reads; every other field Domo sends is kept as it is. Only `id` is required: the v3
 * list rows of the Postman collection are thin (`id, invitorUserId, displayName, role, roleId, detail.email`), so
 * `created`, `lastActivity`, `hireDate` and `employeeId` may be missing anywhere (domo-api-admin.md §6 #5).
 */
const userFields = {
  id: wireId,
  displayName: z.string().nullable().optional(),
  emailAddress: z.string().nullable().optional(),
  userName: z.string().nullable().optional(),
  /** Absent from v2 reads (`users/{id}`, `users/me`): they name the role instead (domo-api-admin.md §6 #3). */
  roleId: z.number().int().nullable().optional(),
  /** The role's **name**, on v2 reads and v3 list rows. */
  role: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  phoneNumber: z.string().nullable().optional(),
  employeeId: z.string().nullable().optional(),
  hireDate: z.number().nullable().optional(),
  lastActivity: z.number().nullable().optional(),
  /** The last sign-in, where Domo gives it (the issue names it; no source shows it in an answer). */
  lastLogin: z.number().nullable().optional(),
  created: z.number().nullable().optional(),
};

/** A user (v2 `users/{id}`, group member lists, created and updated users). */
export const UserSchema = z.looseObject(userFields);
/** A user as Domo answers it. */
export type User = z.infer<typeof UserSchema>;

/** v3 `users/{id}?includeDetails=true`: a user with a `detail` object, merged into the user here. */
export const UserDetailsSchema = z
  .looseObject({
    ...userFields,
    detail: z
      .looseObject({
        email: z.string().nullable().optional(),
        title: z.string().nullable().optional(),
        department: z.string().nullable().optional(),
        phoneNumber: z.string().nullable().optional(),
        active: z.boolean().nullable().optional(),
      })
      .nullable()
      .optional(),
  })
  .transform(({ detail, ...user }) => ({
    ...user,
    emailAddress: user.emailAddress ?? detail?.email ?? null,
    title: user.title ?? detail?.title ?? null,
    department: user.department ?? detail?.department ?? null,
    phoneNumber: user.phoneNumber ?? detail?.phoneNumber ?? null,
    active: detail?.active ?? null,
  }));
/** A user with its details. */
export type UserDetails = z.infer<typeof UserDetailsSchema>;

const attribute = z.looseObject({ key: z.string(), values: z.array(z.unknown()) });

/**
 * A user as the identity search answers it: `id`, some fields, and `attributes: [{ key, values: [v] }]`, flattened
 * here into fields (the attribute wins over a field of the same name) and then read as a {@link User}.
 */
export const SearchedUserSchema = z
  .looseObject({ id: z.unknown(), attributes: z.array(attribute).optional() })
  .transform(({ attributes, ...user }) => ({
    ...user,
    ...Object.fromEntries((attributes ?? []).map((a) => [a.key, a.values[0]])),
  }))
  .pipe(UserSchema);

/** The identity search answer: one page of users and, when Domo sends it, the total. */
export const UserSearchResultSchema = z.looseObject({
  users: z.array(SearchedUserSchema),
  count: z.number().int().optional(),
});
/** One page of a user search. */
export type UserSearchResult = z.infer<typeof UserSearchResultSchema>;
