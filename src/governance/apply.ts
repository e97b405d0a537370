import type { DomoAuth } from '../auth/base.js';
import { DomoFileError, DomoInputError, DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { DomoAccount } from '../classes/account.js';
import { DomoGroup } from '../classes/group.js';
import { DomoGroups } from '../classes/groups.js';
import { DomoRole } from '../classes/role.js';
import { DomoRoles } from '../classes/roles.js';
import { planSpec, renderPlan, type Plan, type PlanChange, type PlanOptions } from './plan.js';
import { saveSnapshot, takeSnapshot } from './snapshot.js';
import type { PlannedPrincipal } from './plan-accounts.js';
import type { Spec } from './spec.js';

type AccessLevel = 'OWNER' | 'CAN_SHARE' | 'CAN_EDIT' | 'CAN_VIEW';
type CreatableType = 'open' | 'adHoc' | 'closed' | 'dynamic';

/** Options of {@link applyPlan}. */
export interface ApplyOptions extends CallOptions {
  /** Apply destructive changes (grants removed from a role with members, users moved out of a role). @default false */
  allowDestructive?: boolean;
  /** Called after each change is applied, with a one-line description and the change itself. */
  onProgress?: (done: number, total: number, description: string, change: PlanChange) => void;
  /**
   * Before changing anything, write a snapshot of everything the plan touches into this folder (see
   * {@link saveSnapshot}); `restoreSnapshot` goes back to it. The CLI always does, into `.domo-admin/snapshots`.
   */
  snapshotDir?: string;
  /**
   * Apply a plan that takes `role.manage` from the signed-in user (see {@link Plan.selfLockout}). @default false
   */
  allowSelfLockout?: boolean;
  /** Told where the snapshot was written, before the first change is applied. */
  onSnapshot?: (file: string) => void;
}

/** What an apply did. */
export interface ApplyReport {
  applied: string[];
  /** The snapshot written before applying (with `snapshotDir` and at least one change). */
  snapshot?: string;
}

/** The order changes are applied in: roles exist before their grants, grants before the default role and members. */
const ORDER: PlanChange['kind'][] = [
  'create-role',
  'create-group',
  'update-role',
  'update-group',
  'set-grants',
  'set-default-role',
  'move-users',
  'remove-users',
  'delete-role',
  'group-owners',
  'group-members',
  'account-sharing',
  'delete-group',
];

/**
 * Applies a plan, in dependency order. Destructive changes are refused unless `allowDestructive` (nothing is applied
 * then). A failure part-way stops at once and says exactly what was applied; planning again shows what remains.
 * @throws {DomoInputError} destructive changes without `allowDestructive` (nothing is applied)
 * @throws {DomoPartialFailureError} a change failed after others were applied (`completed` lists them)
 */
export async function applyPlan(auth: DomoAuth, plan: Plan, options: ApplyOptions = {}): Promise<ApplyReport> {
  if (plan.instance !== auth.instance)
    throw new DomoInputError(`the plan is for instance "${plan.instance}", not "${auth.instance}"`, {
      field: 'instance',
      route: 'applyPlan',
    });
  const destructive = plan.changes.filter((change) => change.destructive);
  if (destructive.length > 0 && !options.allowDestructive) {
    throw new DomoInputError(
      `the plan has ${destructive.length} destructive change(s); nothing was applied. Review them, then pass allowDestructive:\n${renderPlan({ ...plan, changes: destructive }).split('\n\n')[0]}`,
      { field: 'allowDestructive', route: 'applyPlan' },
    );
  }
  if (plan.selfLockout && !options.allowSelfLockout)
    throw new DomoInputError(`${plan.selfLockout}; nothing was applied. Pass allowSelfLockout if that is meant`, {
      field: 'allowSelfLockout',
      route: 'applyPlan',
    });
  const call = callOptions(options);
  const changes = [...plan.changes].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const roles = new DomoRoles(auth);
  const applied: string[] = [];
  const snapshot =
    options.snapshotDir !== undefined && changes.length > 0
      ? await saveSnapshot(takeSnapshot(plan), options.snapshotDir).catch((error: unknown) => {
          if (!(error instanceof DomoFileError)) throw error;
          throw new DomoFileError(`${error.message} (nothing was applied)`, error.path, error.code, 'applyPlan');
        })
      : undefined;
  if (snapshot) options.onSnapshot?.(snapshot);
  const restoreHint = snapshot ? `; the state before is in ${snapshot}` : '';
  for (const change of changes) {
    const text = describe(change);
    // What took effect inside this change before it failed (a group created, the first of two shares).
    const partly: string[] = [];
    try {
      await applyChange(roles, change, call, (step) => partly.push(`${step} (part of: ${text})`));
    } catch (error) {
      if (applied.length === 0 && partly.length === 0) throw error;
      const inPart = partly.length > 0 ? `, and part of the next: ${partly.join('; ')}` : '';
      throw new DomoPartialFailureError(
        `apply stopped at "${text}" after ${applied.length} of ${changes.length} change(s)${inPart} (${error instanceof Error ? error.message : String(error)}); plan again to see what remains${restoreHint}`,
        [...applied, ...partly],
        error,
      );
    }
    applied.push(text);
    options.onProgress?.(applied.length, changes.length, text, change);
  }
  return { applied, ...(snapshot ? { snapshot } : {}) };
}

/**
 * Plans a spec, applies the plan, and plans again: the second plan must be empty (apply is verified by re-reading
 * the instance, never assumed).
 * @throws {DomoValidationError} the instance still differs from the spec after applying
 */
export function applySpec(
  auth: DomoAuth,
  spec: Spec,
  options: ApplyOptions & PlanOptions = {},
): Promise<ApplyReport & { plan: Plan }> {
  return applyVerified(auth, () => planSpec(auth, spec, options), options);
}

/**
 * Plans, applies, and plans again: the second plan must be empty.
 * @throws {DomoValidationError} the instance still differs afterwards
 */
export async function applyVerified(
  auth: DomoAuth,
  plan: () => Promise<Plan>,
  options: ApplyOptions = {},
): Promise<ApplyReport & { plan: Plan }> {
  const first = await plan();
  const report = await applyPlan(auth, first, options);
  const after = await plan();
  if (after.changes.length > 0) {
    throw new DomoValidationError(
      `apply did not converge: the instance still differs from what was planned:\n${renderPlan(after)}`,
      { route: 'applySpec', issues: after.changes.map((c) => ({ path: c.kind, message: describe(c) })) },
    );
  }
  return { ...report, plan: first };
}

/** Applies one change; `step` is told each part that took effect, for a change made of several requests. */
async function applyChange(
  roles: DomoRoles,
  change: PlanChange,
  call: CallOptions,
  step: (done: string) => void,
): Promise<void> {
  const byName = (name: string) => roles.getByName(name, call);
  switch (change.kind) {
    case 'create-role':
      await DomoRole.create(
        roles.auth,
        { name: change.role, description: change.description, grants: change.grants },
        call,
      );
      return;
    case 'update-role':
      await (await byName(change.role)).update({ description: change.after }, call);
      return;
    case 'set-grants':
      await (await byName(change.role)).setGrants(change.after, call);
      return;
    case 'set-default-role':
      await (await byName(change.after)).setAsDefault(call);
      return;
    case 'move-users':
      await (
        await byName(change.role)
      ).addMembers(
        change.users.map((u) => u.id),
        call,
      );
      return;
    case 'remove-users': {
      const target = await byName(change.toRole);
      await (
        await byName(change.role)
      ).removeMembers(
        change.users.map((u) => u.id),
        { ...call, toRoleId: target.id },
      );
      return;
    }
    case 'delete-role': {
      const role = await byName(change.role);
      await role.delete({ ...call, reassignTo: (await byName(change.toRole)).id });
      return;
    }
    case 'delete-group':
      await (await DomoGroup.get(roles.auth, change.groupId, call)).delete(call);
      return;
    case 'create-group': {
      const group = await new DomoGroups(roles.auth).create(
        { name: change.group, type: change.type as CreatableType, description: change.description },
        call,
      );
      step(`created group "${change.group}" (#${group.id})`);
      const ids = (users: { id: number }[]) => users.map((u) => u.id);
      // Domo makes the creator an owner: an exact (authoritative) list replaces what create left.
      if (change.owners.length > 0) {
        await (change.exact ? group.setOwners(ids(change.owners), call) : group.addOwners(ids(change.owners), call));
        step(`set the owners of group "${change.group}"`);
      }
      if (change.exact) await group.setMembers(ids(change.members), call);
      else if (change.members.length > 0) await group.addMembers(ids(change.members), call);
      return;
    }
    case 'update-group':
      await (await DomoGroup.get(roles.auth, change.groupId, call)).update({ [change.field]: change.after }, call);
      return;
    case 'group-members':
    case 'group-owners': {
      const group = await DomoGroup.get(roles.auth, change.groupId, call);
      const members = change.kind === 'group-members';
      const ids = (users: { id: number }[]) => users.map((u) => u.id);
      if (change.add.length > 0) {
        await (members ? group.addMembers(ids(change.add), call) : group.addOwners(ids(change.add), call));
        step(`added ${change.add.length} ${members ? 'member' : 'owner'}(s) to group "${change.group}"`);
      }
      if (change.remove.length > 0)
        await (members ? group.removeMembers(ids(change.remove), call) : group.removeOwners(ids(change.remove), call));
      return;
    }
    case 'account-sharing': {
      const account = await DomoAccount.get(roles.auth, change.accountId, call);
      const groups = new DomoGroups(roles.auth);
      const who = async (p: PlannedPrincipal) => {
        // A group this plan created has no id in the plan: it is found by name now.
        const id = p.id ?? (await groups.getByName(p.label.slice('group:'.length), call)).id;
        return p.type === 'USER' ? { userId: id } : { groupId: id };
      };
      // The owner first: an old owner listed under share gets that level once the transfer took OWNER away.
      const owner = change.owner && (await who(change.owner.to)).userId;
      const from = change.owner?.from && (await who(change.owner.from)).userId;
      const where = `account "${change.account}"`;
      if (owner !== undefined && from !== undefined) {
        await account.transferOwnership({ toUserId: owner, fromUserId: from }, call);
        step(`${where}: ownership moved to ${change.owner?.to.label}`);
      } else if (owner !== undefined) {
        await account.share({ userId: owner, accessLevel: 'OWNER' }, call);
        step(`${where}: ${change.owner?.to.label} made an owner`);
      }
      for (const p of change.grant) {
        await account.share({ ...(await who(p)), accessLevel: p.after as AccessLevel }, call);
        step(`${where}: shared with ${p.label} (${p.after})`);
      }
      for (const p of change.revoke) {
        await account.unshare(await who(p), call);
        step(`${where}: ${p.label} removed`);
      }
      return;
    }
  }
}

function describe(change: PlanChange): string {
  switch (change.kind) {
    case 'create-role':
      return `created role "${change.role}"`;
    case 'update-role':
      return `set the description of role "${change.role}"`;
    case 'set-grants':
      return `set the grants of role "${change.role}" (+${change.added.length} −${change.removed.length})`;
    case 'set-default-role':
      return `made "${change.after}" the default role`;
    case 'move-users':
      return `moved ${change.users.length} user(s) into role "${change.role}"`;
    case 'remove-users':
      return `moved ${change.users.length} user(s) out of role "${change.role}" into "${change.toRole}"`;
    case 'delete-role':
      return `deleted role "${change.role}"`;
    case 'delete-group':
      return `deleted group "${change.group}"`;
    case 'create-group':
      return `created group "${change.group}"`;
    case 'update-group':
      return `set the ${change.field} of group "${change.group}"`;
    case 'group-members':
    case 'group-owners':
      return `changed the ${change.kind === 'group-members' ? 'members' : 'owners'} of group "${change.group}" (+${change.add.length} −${change.remove.length})`;
    case 'account-sharing':
      return `changed the sharing of account "${change.account}" (+${change.grant.length} −${change.revoke.length}${change.owner ? ', new owner' : ''})`;
  }
}
