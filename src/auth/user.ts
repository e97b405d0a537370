import { z } from 'zod';

/** The user behind an auth, from `GET /api/content/v2/users/me`. Unknown fields are kept; `roleId` may be missing. */
export const CurrentUserSchema = z.looseObject({
  id: z.number().int(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  userName: z.string().optional(),
  /** Absent from Domo's answer per the Postman collection (domo-api-admin.md §6 #3): it names the role instead. */
  roleId: z.number().int().optional(),
  /** The role's name. */
  role: z.string().optional(),
});
/** The user behind an auth (what `whoAmI` answers). The `DomoUser` class is the full user entity. */
export type CurrentUser = z.infer<typeof CurrentUserSchema>;
/** @deprecated the old name of {@link CurrentUserSchema}. */
export const DomoUserSchema = CurrentUserSchema;
