import { DomoGroups } from '../classes/group/groups.js';
import { DomoUsers } from '../classes/user/users.js';
import type { Command } from 'commander';
import type { CardOwnerInput } from '../classes/card/card.js';
import type { ChangeReport } from '../classes/change.js';
import type { ContentOwner } from '../classes/dataset/dataset.js';
import type { UserRef } from '../classes/people.js';
import { confirmWrite } from './confirm.js';
import type { CliContext } from './context.js';
import { changeJson, type ChangeItemJson } from './kinds.js';
import { userArgument } from './options.js';

/** The new owner of `--to`: a user (id or email) or `group:<name>`, as a change item and a transfer target. */
export async function newOwner(c: CliContext, ref: string) {
  const auth = await c.auth();
  if (ref.startsWith('group:')) {
    const [group] = await new DomoGroups(auth).resolve([ref]);
    const item: ChangeItemJson = { type: 'group', id: group!.id, name: group!.name, as: 'owner' };
    return { target: { type: 'GROUP' as const, id: group!.id }, label: `group ${JSON.stringify(group!.name)}`, item };
  }
  const [user] = await new DomoUsers(auth).resolve([ref]);
  const item: ChangeItemJson = { type: 'user', id: user!.id, name: user!.displayName || user!.email, as: 'owner' };
  return { target: user!.id, label: user!.email, item };
}

/** Content owned by users and groups together (cards, pages): what `transfer` needs of it. */
interface SharedContent {
  id: number;
  title: string;
  transferOwnership(to: CardOwnerInput, options: { from?: UserRef }): Promise<ChangeReport<ContentOwner>>;
}

/**
 * `<family> transfer <refs...> --to <user|group:Name> [--from <user>]`, the one implementation for cards and pages:
 * previews and asks, moves each (read back), and prints one change report per object.
 */
export function sharedTransfer(
  parent: Command,
  kind: 'card' | 'page' | 'app',
  ctx: () => CliContext,
  resolve: (c: CliContext, refs: string[]) => Promise<SharedContent[]>,
): void {
  parent
    .command(`transfer <${kind}s...>`)
    .description(
      `make a user or group:<name> an owner of ${kind}s, removing --from (default: every other owner); asks first`,
    )
    .requiredOption('--to <user|group:Name>', 'the new owner', userArgument('--to', { groups: true }))
    .option('--from <user>', 'the owner who gives them up (co-owners stay)', userArgument('--from'))
    .action(async (refs: string[], options: { to: string; from?: string }) => {
      const c = ctx();
      const found = await resolve(c, refs);
      const to = await newOwner(c, options.to);
      await confirmWrite(c, {
        title: `${found.length} ${kind}(s) to ${to.label}`,
        changes: found.map(
          (x) =>
            `~ ${JSON.stringify(x.title)}: owners → ${to.label}${options.from ? ` in place of ${options.from}` : ' alone'}`,
        ),
      });
      const changes = [];
      for (const thing of found) {
        const change = await thing.transferOwnership(
          to.target,
          options.from === undefined ? {} : { from: options.from },
        );
        const removed: ChangeItemJson[] = change.removed.map((o) => ({
          type: o.type === 'GROUP' ? 'group' : 'user',
          id: o.id,
          name: o.name ?? null,
          as: 'owner',
        }));
        changes.push(
          changeJson({ type: kind, id: thing.id, name: thing.title }, change.added.length ? [to.item] : [], removed),
        );
      }
      c.list(changes, () => `✓ ${found.length} ${kind}(s): ${to.label} now an owner (each read back)\n`);
    });
}
