import { z } from 'zod';

/**
 * One row of the activity log as the instance API answers it (D-AL, GDG): who (`userId` — the actor; `actorId` is 0
 * unless the action was proxied, DS), did what (`actionType`, e.g. `VIEWED`, `LOGGEDIN`, `UPDATED`), to what
 * (`objectType`, `objectId`, `objectName`), when (`time`, epoch ms). Unknown fields are kept.
 */
export const ActivityRowSchema = z.looseObject({
  /** The actor; a system action may carry 0 or nothing. */
  userId: z.union([z.number(), z.string()]).nullable().optional(),
  userName: z.string().nullable().optional(),
  userType: z.string().nullable().optional(),
  actorId: z.union([z.number(), z.string()]).nullable().optional(),
  actionType: z.string(),
  objectType: z.string(),
  objectId: z.union([z.string(), z.number()]).nullable().optional(),
  objectName: z.string().nullable().optional(),
  additionalComment: z.string().nullable().optional(),
  eventText: z.string().nullable().optional(),
  time: z.number(),
});
export type ActivityRow = z.infer<typeof ActivityRowSchema>;

/**
 * The object types the log can be asked for. No source shows the answer's shape (D-AL, DL, PM list the endpoint
 * only): a list of names is read, and a list of `{ type | objectType | name }` objects as well **(inference)**.
 */
export const ActivityObjectTypesSchema = z
  .array(
    z.union([
      z.string().min(1),
      z
        .looseObject({ type: z.string().optional(), objectType: z.string().optional(), name: z.string().optional() })
        .transform((entry) => entry.objectType ?? entry.type ?? entry.name ?? ''),
    ]),
  )
  .transform((types) => [...new Set(types.filter((type) => type !== ''))]);
