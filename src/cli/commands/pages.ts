import type { Command } from 'commander';
import type { DomoDashboard } from '../../classes/page/page.js';
import { DomoDashboards } from '../../classes/page/pages.js';
import type { CliContext } from '../context.js';
import { pageJson } from '../kinds.js';
import { userArgument } from '../options.js';
import { sharedTransfer } from '../owners.js';
import { formatTable } from '../table.js';

function pagesTable(pages: readonly DomoDashboard[]): string {
  return formatTable(
    pages,
    [
      { header: 'ID', value: (p) => p.id, right: true },
      { header: 'TITLE', value: (p) => p.title },
      { header: 'OWNERS', value: (p) => p.owners.map((o) => o.name ?? `${o.type.toLowerCase()} ${o.id}`).join(', ') },
    ],
    '(no pages)',
  );
}

/** `domo-admin pages …`: Domo's pages (dashboards). */
export function registerPages(program: Command, ctx: () => CliContext): void {
  const pages = program.command('pages').description('pages (dashboards): list, show, transfer');
  pages
    .command('list')
    .description('every page, or those a user owns (--owner)')
    .option('--owner <user>', 'only the pages this user owns (id or email)', userArgument('--owner'))
    .action(async (options: { owner?: string }) => {
      const c = ctx();
      const manager = new DomoDashboards(await c.auth());
      const list =
        options.owner === undefined
          ? await manager.list().toArray({ max: 100_000 })
          : await manager.ownedBy(options.owner);
      c.list(
        list.map((page) => pageJson(page)),
        () => pagesTable(list),
      );
    });
  pages
    .command('show <page>')
    .description('one page (id or exact title) with its owners and the cards on it')
    .action(async (ref: string) => {
      const c = ctx();
      const page = await new DomoDashboards(await c.auth()).get(ref);
      const full = page.cardIds.length > 0 ? page : await page.refresh();
      c.result(pageJson(full), () => `${full.summary()}\n  cards: ${full.cardIds.join(', ') || '(none)'}\n`);
    });
  sharedTransfer(pages, 'page', ctx, async (c, refs) => new DomoDashboards(await c.auth()).resolve(refs));
}
