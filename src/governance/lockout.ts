import type { DomoAuth } from '../auth/base.js';
import type { CallOptions } from '../classes/entity.js';
import { getRoleGrants } from '../routes/role/grants.js';
import type { Role } from '../routes/role/schemas.js';
import type { PlanChange } from './plan.js';
import type { RoleState } from './kinds/roles/plan.js';

/** The grant without which an admin can no longer manage roles: losing it is a lockout. */
export const LOCKOUT_GRANT = 'role.manage';

/**
 * Whether applying `changes` would take `role.manage` from the signed-in user: their membership moved (an
 * authoritative list without them, a move into another role, their role deleted) into a role that will not hold it,
 * or it removed from their own role. A sentence saying how, or `undefined`.
 */
export async function selfLockout(
  auth: DomoAuth,
  changes: readonly PlanChange[],
  roles: readonly Role[],
  states: ReadonlyMap<number, RoleState>,
  call: CallOptions,
): Promise<string | undefined> {
  const me = await auth.whoAmI(call);
  const current =
    roles.find((r) => r.id === me.roleId) ?? roles.find((r) => r.name.toLowerCase() === me.role?.toLowerCase());
  if (!current) return undefined;
  const grantsOf = async (name: string): Promise<readonly string[]> => {
    // a role renamed by the plan: its grant changes name it by the new name
    const rename = changes.find((c) => c.kind === 'rename-role' && c.from.toLowerCase() === name.toLowerCase());
    const lower = (rename?.kind === 'rename-role' ? rename.role : name).toLowerCase();
    for (const change of changes) {
      if (change.kind === 'create-role' && change.role.toLowerCase() === lower) return change.grants;
      if (change.kind === 'set-grants' && change.role.toLowerCase() === lower) return change.after;
    }
    const role = roles.find((r) => r.name.toLowerCase() === lower);
    if (!role) return [];
    return states.get(role.id)?.grants ?? (await getRoleGrants(auth, role.id, call)).data;
  };
  const now = states.get(current.id)?.grants ?? (await getRoleGrants(auth, current.id, call)).data;
  if (!now.includes(LOCKOUT_GRANT)) return undefined; // nothing to lose
  let destination = current.name;
  let how = `your role "${current.name}"`;
  for (const change of changes) {
    if (change.kind === 'remove-users' && change.users.some((u) => u.id === me.id)) {
      destination = change.toRole;
      how = `the membership of "${change.role}" leaves you out, which moves you into "${change.toRole}"`;
    } else if (change.kind === 'move-users' && change.users.some((u) => u.id === me.id)) {
      destination = change.role;
      how = `you are moved into "${change.role}"`;
    } else if (change.kind === 'delete-role' && change.role.toLowerCase() === current.name.toLowerCase()) {
      destination = change.toRole;
      how = `your role "${current.name}" is deleted, which moves you into "${change.toRole}"`;
    }
  }
  if ((await grantsOf(destination)).includes(LOCKOUT_GRANT)) return undefined;
  const who = me.emailAddress ?? `user ${me.id}`;
  return `this plan takes ${LOCKOUT_GRANT} from you (${who}): ${how}, ${destination === current.name ? 'and it will no longer hold it' : `which does not hold it`}; afterwards you could not manage roles to undo it`;
}
