import type { Command } from 'commander';
import type { DomoCard } from '../../classes/card/card.js';
import { DomoCards } from '../../classes/card/cards.js';
import { DomoGroups } from '../../classes/group/groups.js';
import { DomoUsers } from '../../classes/user/users.js';
import { confirmWrite } from '../confirm.js';
import type { CliContext } from '../context.js';
import { cardJson, changeJson, type ChangeItemJson } from '../kinds.js';
import { integerOption, userArgument } from '../options.js';
import { formatTable } from '../table.js';

function cardsTable(cards: readonly DomoCard[]): string {
  return formatTable(
    cards,
    [
      { header: 'ID', value: (c) => c.id, right: true },
      { header: 'TITLE', value: (c) => c.title },
      { header: 'OWNERS', value: (c) => c.owners.map((o) => o.name ?? `${o.type.toLowerCase()} ${o.id}`).join(', ') },
      { header: 'MODIFIED', value: (c) => c.lastModified?.toISOString().slice(0, 10) },
    ],
    '(no cards)',
  );
}

function registerList(cards: Command, ctx: () => CliContext): void {
  cards
    .command('list')
    .description('cards from the datacenter search (each read in full), or those a user owns (--owner)')
    .option('--owner <user>', 'only the cards this user owns (id or email)', userArgument('--owner'))
    .option('--text <text>', 'only cards whose title the search matches')
    .option('--limit <n>', 'at most this many', integerOption('--limit', 1))
    .action(async (options: { owner?: string; text?: string; limit?: number }) => {
      const c = ctx();
      const manager = new DomoCards(await c.auth());
      let list: DomoCard[] = [];
      if (options.owner !== undefined) list = await manager.ownedBy(options.owner);
      else
        for await (const card of manager.list(options.text === undefined ? {} : { text: options.text })) {
          list.push(card);
          if (options.limit !== undefined && list.length >= options.limit) break;
        }
      if (options.limit !== undefined) list = list.slice(0, options.limit);
      c.list(
        list.map((card) => cardJson(card)),
        () => cardsTable(list),
      );
    });
}

function registerShow(cards: Command, ctx: () => CliContext): void {
  cards
    .command('show <card>')
    .description('one card (id or exact title) with its owners and datasets')
    .action(async (ref: string) => {
      const c = ctx();
      const card = await new DomoCards(await c.auth()).get(ref);
      c.result(cardJson(card), () => `${card.summary()}\n  datasets: ${card.datasetIds.join(', ') || '(none)'}\n`);
    });
}

/** The new owner of `--to`: a user (id or email) or `group:<name>`, as a change item and a transfer target. */
async function newOwner(c: CliContext, ref: string) {
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

function registerTransfer(cards: Command, ctx: () => CliContext): void {
  cards
    .command('transfer <cards...>')
    .description(
      'make a user or group:<name> an owner of cards, removing --from (default: every other owner); asks first',
    )
    .requiredOption('--to <user|group:Name>', 'the new owner', userArgument('--to', { groups: true }))
    .option('--from <user>', 'the owner who gives them up (co-owners stay)', userArgument('--from'))
    .action(async (refs: string[], options: { to: string; from?: string }) => {
      const c = ctx();
      const found = await new DomoCards(await c.auth()).resolve(refs);
      const to = await newOwner(c, options.to);
      await confirmWrite(c, {
        title: `${found.length} card(s) to ${to.label}`,
        changes: found.map(
          (card) =>
            `~ ${JSON.stringify(card.title)}: owners → ${to.label}${options.from ? ` in place of ${options.from}` : ' alone'}`,
        ),
      });
      const changes = [];
      for (const card of found) {
        const change = await card.transferOwnership(
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
          changeJson({ type: 'card', id: card.id, name: card.title }, change.added.length ? [to.item] : [], removed),
        );
      }
      c.list(changes, () => `✓ ${found.length} card(s): ${to.label} now an owner (each read back)\n`);
    });
}

/** `domo-admin cards …` */
export function registerCards(program: Command, ctx: () => CliContext): void {
  const cards = program.command('cards').description('cards: list, show, transfer');
  registerList(cards, ctx);
  registerShow(cards, ctx);
  registerTransfer(cards, ctx);
}
