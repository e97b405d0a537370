// The public routes of the user family, by name. Helpers (argument checks, not-found builders, payload internals)
// stay in their files: they are not part of the package's API.
export {
  UserSchema,
  UserDetailsSchema,
  SearchedUserSchema,
  UserSearchResultSchema,
  type User,
  type UserDetails,
  type UserSearchResult,
} from './schemas.js';
export {
  getUserById,
  getUserDetails,
  createUser,
  updateUser,
  deleteUser,
  type CreateUserInput,
  type UserChanges,
} from './core.js';
export {
  MAX_IDS_PER_SEARCH,
  MAX_SEARCH_PAGE,
  userIdFilter,
  userRoleFilter,
  userEmailFilter,
  searchUsers,
  searchUserPages,
  searchAllUsers,
  type UserFilter,
  type UserSearch,
  type UserPaging,
} from './search.js';
