import type { Command } from 'commander';
import type { DomoCard } from '../../classes/card/card.js';
import { DomoCards } from '../../classes/card/cards.js';
import type { CliContext } from '../context.js';
import { cardJson } from '../kinds.js';
import { integerOption, userArgument } from '../options.js';
import { formatTable } from '../table.js';
import { sharedTransfer } from '../owners.js';

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

function registerTransfer(cards: Command, ctx: () => CliContext): void {
  sharedTransfer(cards, 'card', ctx, async (c, refs) => new DomoCards(await c.auth()).resolve(refs));
}

/** `domo-admin cards …` */
export function registerCards(program: Command, ctx: () => CliContext): void {
  const cards = program.command('cards').description('cards: list, show, transfer');
  registerList(cards, ctx);
  registerShow(cards, ctx);
  registerTransfer(cards, ctx);
}
