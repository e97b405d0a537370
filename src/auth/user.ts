import { z } from 'zod';

/** The user behind an auth, from `GET /api/content/v2/users/me`. Unknown fields are kept. */
export const DomoUserSchema = z.looseObject({
  id: z.number().int(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  userName: z.string().optional(),
  roleId: z.number().int().optional(),
});
/** The user behind an auth. */
export type DomoUser = z.infer<typeof DomoUserSchema>;
