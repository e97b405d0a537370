// The public routes of the group family, by name. Helpers (argument checks, not-found builders, payload internals)
// stay in their files: they are not part of the package's API.
export {
  GROUP_TYPES,
  PrincipalSchema,
  GroupSchema,
  GroupMembersSchema,
  GroupOwnersSchema,
  GroupPermissionsSchema,
  type GroupType,
  type Principal,
  type Group,
} from './schemas.js';
export {
  MAX_GROUP_PAGE,
  getGroups,
  getAllGroups,
  getGroupById,
  createGroup,
  updateGroup,
  deleteGroups,
  type GroupListQuery,
  type CreateGroupInput,
  type GroupChanges,
} from './core.js';
export {
  getGroupMembers,
  getAllGroupMembers,
  getGroupOwners,
  updateGroupAccess,
  type PrincipalRef,
  type GroupAccessChange,
} from './members.js';
