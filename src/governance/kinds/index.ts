import type { PlanChange } from '../plan.js';
import { accountSharing } from './accounts/kinds.js';
import { createGroup, deleteGroup, groupList, renameGroup, updateGroup } from './groups/kinds.js';
import type { ChangeKind } from './kind.js';
import {
  createRole,
  deleteRole,
  moveUsers,
  removeUsers,
  renameRole,
  setDefaultRole,
  setGrants,
  updateRole,
} from './roles/kinds.js';

export type { ApplyContext, BeforeContext, ChangeKind } from './kind.js';
export { accountSpec } from './accounts/kinds.js';

/** Every kind of change a plan can hold, and the one module that knows it. A kind missing here fails to compile. */
export const CHANGE_KINDS: { readonly [K in PlanChange['kind']]: ChangeKind<Extract<PlanChange, { kind: K }>> } = {
  'create-role': createRole,
  'create-group': createGroup,
  'rename-role': renameRole,
  'rename-group': renameGroup,
  'update-role': updateRole,
  'update-group': updateGroup,
  'set-grants': setGrants,
  'set-default-role': setDefaultRole,
  'move-users': moveUsers,
  'remove-users': removeUsers,
  'delete-role': deleteRole,
  'group-owners': groupList(9),
  'group-members': groupList(10),
  'account-sharing': accountSharing,
  'delete-group': deleteGroup,
};

/** The module of a change's kind. */
export function kindOf<C extends PlanChange>(change: C): ChangeKind<C> {
  return CHANGE_KINDS[change.kind] as unknown as ChangeKind<C>;
}
