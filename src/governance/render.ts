import type { Plan } from './plan.js';

/** A plan as text a person reviews: `+` create, `~` update (before → after), `−` remove, `⇄` move, then a summary. */
export function renderPlan(plan: Plan): string {
  if (plan.changes.length === 0) return `No changes: ${plan.instance} matches the spec.\n`;
  const lines = plan.changes.map((change) => {
    switch (change.kind) {
      case 'create-role':
        return `+ role "${change.role}"${change.grants.length ? ` with ${change.grants.length} grant(s): ${change.grants.join(', ')}` : ''}`;
      case 'update-role':
        return `~ role "${change.role}": ${change.field} ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`;
      case 'set-grants':
        return `~ role "${change.role}" grants:${change.added.length ? ` + ${change.added.join(', ')}` : ''}${change.removed.length ? ` − ${change.removed.join(', ')}` : ''}${change.destructive ? '  (destructive: the role has members)' : ''}`;
      case 'move-users':
        return change.users.map((u) => `⇄ ${u.email}: "${u.fromRole}" → "${change.role}"`).join('\n');
      case 'remove-users':
        return change.users
          .map((u) => `− user ${u.email} out of "${change.role}" (into "${change.toRole}")  (destructive)`)
          .join('\n');
      case 'set-default-role':
        return `~ default role: "${change.before}" → "${change.after}"`;
      case 'delete-role':
        return `− role "${change.role}"${change.members ? ` (its ${change.members} member(s) move to "${change.toRole}")` : ''}  (destructive)`;
      case 'delete-group':
        return `− group "${change.group}"${change.members ? ` (${change.members} member(s))` : ''}  (destructive)`;
      case 'create-group':
        return `+ group "${change.group}" (${change.type})${change.members.length ? ` with ${change.members.length} member(s)` : ''}${change.owners.length ? `, owners ${change.owners.map((u) => u.email).join(', ')}` : ''}`;
      case 'update-group':
        return `~ group "${change.group}": ${change.field} ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`;
      case 'group-members':
      case 'group-owners': {
        const what = change.kind === 'group-members' ? 'members' : 'owners';
        const parts = [...change.add.map((u) => `+ ${u.email}`), ...change.remove.map((u) => `− ${u.email}`)];
        return `~ group "${change.group}" ${what}: ${parts.join(', ')}${change.destructive ? '  (destructive)' : ''}`;
      }
      case 'account-sharing': {
        const parts = [
          ...change.grant.map((p) => `+ ${p.label} ${p.before} → ${p.after}`),
          ...(change.owner ? [`owner ${change.owner.from?.label ?? '(none)'} → ${change.owner.to.label}`] : []),
          ...change.revoke.map((p) => `− ${p.label} (${p.before})`),
        ];
        return `~ account "${change.account}" sharing: ${parts.join(', ')}${change.destructive ? '  (destructive)' : ''}`;
      }
    }
  });
  const { create, update, remove, move } = plan.summary;
  const warnings = (plan.warnings ?? []).map((warning) => `! ${warning}`);
  return `${[...warnings, ...lines].join('\n')}\n\nPlan: ${create} to create, ${update} to update, ${move} move(s), ${remove} to remove${plan.destructive ? ' (includes destructive changes)' : ''}.\n`;
}
