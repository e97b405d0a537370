import { z } from 'zod';
import { wireId } from '../../internal/ids.js';
import { UserSchema } from '../user/schemas.js';

/** Domo's group types. `system` and `directory` (SCIM) groups are managed by Domo or the identity provider. */
export const GROUP_TYPES = ['open', 'adHoc', 'closed', 'directory', 'dynamic', 'system'] as const;
/** One of {@link GROUP_TYPES}. */
export type GroupType = (typeof GROUP_TYPES)[number];

/** A user or a group, as group members and owners are named. */
export const PrincipalSchema = z.looseObject({
  type: z.enum(['USER', 'GROUP']),
  id: wireId,
  displayName: z.string().nullable().optional(),
});
/** A user or a group. */
export type Principal = z.infer<typeof PrincipalSchema>;

/** A group; Domo spells the id `id` or `groupId` and the type `type` or `groupType`: both are read, one kept. */
export const GroupSchema = z
  .looseObject({
    id: wireId.optional(),
    groupId: wireId.optional(),
    name: z.string(),
    description: z.string().nullable().optional(),
    type: z.string().optional(),
    groupType: z.string().optional(),
    memberCount: z.number().int().nullable().optional(),
    userIds: z.array(wireId).nullable().optional(),
    owners: z.array(PrincipalSchema).nullable().optional(),
    created: z.number().nullable().optional(),
  })
  .refine((group) => group.id !== undefined || group.groupId !== undefined, {
    message: 'a group needs an id',
    path: ['id'],
  })
  .transform(({ groupId, groupType, ...group }) => ({
    ...group,
    id: (group.id ?? groupId) as number,
    type: group.type ?? groupType ?? 'open',
  }));
/** A group as Domo answers it. */
export type Group = z.infer<typeof GroupSchema>;

/** One page of members: `{ groupUserList: [...] }`. */
export const GroupMembersSchema = z.looseObject({
  groupUserList: z.array(UserSchema),
  totalCount: z.number().int().optional(),
});

/** The owners answer: `[{ groupId, permissions: { owners: [...] } }]`. */
export const GroupOwnersSchema = z.array(
  z.looseObject({ groupId: wireId, permissions: z.looseObject({ owners: z.array(PrincipalSchema) }) }),
);

/**
 * The GET owners answer of the Postman collection, for one group. Its body is not in the sources: `{ owners }`,
 * `{ permissions: { owners } }` and the POST variant's `[{ groupId, permissions: { owners } }]` are all read.
 */
export const GroupPermissionsSchema = z
  .union([
    z.looseObject({ owners: z.array(PrincipalSchema) }),
    z.looseObject({ permissions: z.looseObject({ owners: z.array(PrincipalSchema) }) }),
    GroupOwnersSchema,
  ])
  .transform((answer) =>
    Array.isArray(answer)
      ? (answer[0]?.permissions.owners ?? [])
      : 'owners' in answer
        ? (answer.owners as z.infer<typeof PrincipalSchema>[])
        : (answer as { permissions: { owners: z.infer<typeof PrincipalSchema>[] } }).permissions.owners,
  );
