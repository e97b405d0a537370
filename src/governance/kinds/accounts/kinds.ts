// The account change kind: one account's sharing (grants, revokes, a new owner).
import { dict } from '../../../internal/dict.js';
import { DomoAccount } from '../../../classes/account/account.js';
import { DomoGroups } from '../../../classes/group/groups.js';
import type { AccountChange, AccountState, PlannedPrincipal } from './plan.js';
import type { SpecAccount } from '../../spec.js';
import type { ChangeKind } from '../kind.js';

type AccessLevel = 'OWNER' | 'CAN_SHARE' | 'CAN_EDIT' | 'CAN_VIEW';
type ShareLevel = NonNullable<SpecAccount['share']>[string];

/** An account's whole access list as an authoritative spec entry (the first user owner as `owner`). */
export function accountSpec(
  state: AccountState,
  ref: (id: number) => string | number,
  groupNames: Map<number, string>,
): SpecAccount {
  const owner = state.access.find((e) => e.type === 'USER' && e.accessLevel === 'OWNER');
  const share = dict<ShareLevel>();
  for (const entry of state.access) {
    if (entry === owner) continue;
    const key =
      entry.type === 'GROUP' ? `group:${groupNames.get(entry.id) ?? entry.name ?? entry.id}` : String(ref(entry.id));
    share[key] = entry.accessLevel as ShareLevel;
  }
  return { ...(owner ? { owner: ref(owner.id) } : {}), share, sharing: 'authoritative' };
}

export const accountSharing: ChangeKind<AccountChange> = {
  order: 11,
  counts: (c) => (c.revoke.length > 0 || c.owner ? ['update', 'remove'] : ['update']),
  render: (c) => {
    const parts = [
      ...c.grant.map((p) => `+ ${p.label} ${p.before} → ${p.after}`),
      ...(c.owner ? [`owner ${c.owner.from?.label ?? '(none)'} → ${c.owner.to.label}`] : []),
      ...c.revoke.map((p) => `− ${p.label} (${p.before})`),
    ];
    return `~ account "${c.account}" sharing: ${parts.join(', ')}${c.destructive ? '  (destructive)' : ''}`;
  },
  describe: (c) =>
    `changed the sharing of account "${c.account}" (+${c.grant.length} −${c.revoke.length}${c.owner ? ', new owner' : ''})`,
  apply: async (c, { roles, call, step }) => {
    const account = await DomoAccount.get(roles.auth, c.accountId, call);
    const groups = new DomoGroups(roles.auth);
    const who = async (p: PlannedPrincipal) => {
      // A group this plan created has no id in the plan: it is found by name now.
      const id = p.id ?? (await groups.getByName(p.label.slice('group:'.length), call)).id;
      return p.type === 'USER' ? { userId: id } : { groupId: id };
    };
    const where = `account "${c.account}"`;
    // The owner first: an old owner listed under share gets that level once the transfer took OWNER away.
    const owner = c.owner && (await who(c.owner.to)).userId;
    const from = c.owner?.from && (await who(c.owner.from)).userId;
    if (owner !== undefined && from !== undefined) {
      await account.transferOwnership({ toUserId: owner, fromUserId: from }, call);
      step(`${where}: ownership moved to ${c.owner?.to.label}`);
    } else if (owner !== undefined) {
      await account.share({ userId: owner, accessLevel: 'OWNER' }, call);
      step(`${where}: ${c.owner?.to.label} made an owner`);
    }
    for (const p of c.grant) {
      await account.share({ ...(await who(p)), accessLevel: p.after as AccessLevel }, call);
      step(`${where}: shared with ${p.label} (${p.after})`);
    }
    for (const p of c.revoke) {
      await account.unshare(await who(p), call);
      step(`${where}: ${p.label} removed`);
    }
  },
  before: (c, ctx) => {
    const state = ctx.read.accounts.get(c.account.toLowerCase());
    if (state) ctx.setAccount(c.account, accountSpec(state, ctx.ref, ctx.read.groupNames));
  },
};
