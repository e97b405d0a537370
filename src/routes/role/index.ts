// The public routes of the role family, by name. Helpers (argument checks, not-found builders, payload internals)
// stay in their files: they are not part of the package's API.
export {
  RoleSchema,
  CreatedRoleSchema,
  RoleMemberSchema,
  AuthoritySchema,
  CustomerStateSchema,
  type Role,
  type CreatedRole,
  type RoleMember,
  type Authority,
} from './schemas.js';
export {
  getRoles,
  getRoleById,
  createRole,
  deleteRole,
  updateRoleMetadata,
  type CreateRoleInput,
  type RoleMetadata,
} from './core.js';
export { getRoleGrants, setRoleGrants, getAuthorities, type SetRoleGrantsOptions } from './grants.js';
export { getRoleMembership, addRoleMembers } from './members.js';
export { getDefaultRole, setDefaultRole } from './default.js';
