import type { Command } from 'commander';
import type { DomoDataset } from '../../classes/dataset/dataset.js';
import { DomoDatasets } from '../../classes/dataset/datasets.js';
import { DomoUsers } from '../../classes/user/users.js';
import { confirmWrite } from '../confirm.js';
import type { CliContext } from '../context.js';
import { changeJson, datasetJson, userItem } from '../kinds.js';
import { integerOption, userArgument } from '../options.js';
import { formatTable } from '../table.js';
import { inline } from '../text.js';

function datasetsTable(datasets: readonly DomoDataset[]): string {
  return formatTable(
    datasets,
    [
      { header: 'ID', value: (d) => d.id },
      { header: 'NAME', value: (d) => d.name },
      { header: 'OWNER', value: (d) => d.ownerName ?? (d.ownerId === undefined ? '' : `user ${d.ownerId}`) },
      { header: 'PROVIDER', value: (d) => d.dataProviderType },
      { header: 'ROWS', value: (d) => d.rowCount, right: true },
      { header: 'UPDATED', value: (d) => d.lastUpdated?.toISOString().slice(0, 10) },
    ],
    '(no datasets)',
  );
}

interface ListOptions {
  owner?: string;
  text?: string;
  limit?: number;
}

function registerList(datasets: Command, ctx: () => CliContext): void {
  datasets
    .command('list')
    .description('datasets from the datacenter search, or every one a user owns (--owner: read, not searched)')
    .option('--owner <user>', 'only the datasets this user owns (id or email)', userArgument('--owner'))
    .option('--text <text>', 'only datasets whose name the search matches')
    .option('--limit <n>', 'at most this many', integerOption('--limit', 1))
    .action(async (options: ListOptions) => {
      const c = ctx();
      const manager = new DomoDatasets(await c.auth());
      let list: DomoDataset[];
      if (options.owner !== undefined) list = await manager.ownedBy(options.owner);
      else {
        list = [];
        for await (const dataset of manager.list(options.text === undefined ? {} : { text: options.text })) {
          list.push(dataset);
          if (options.limit !== undefined && list.length >= options.limit) break;
        }
      }
      if (options.limit !== undefined) list = list.slice(0, options.limit);
      c.list(
        list.map((d) => datasetJson(d)),
        () => datasetsTable(list),
      );
    });
}

function registerShow(datasets: Command, ctx: () => CliContext): void {
  datasets
    .command('show <dataset>')
    .description('one dataset (id or exact name) with its owner, account and access list')
    .action(async (ref: string) => {
      const c = ctx();
      const dataset = await new DomoDatasets(await c.auth()).get(ref);
      const access = await dataset.getAccess();
      c.result(datasetJson(dataset, access), () =>
        [
          dataset.summary(),
          `  provider: ${inline(dataset.dataProviderType ?? '-')}   account: ${dataset.accountId ?? '-'}   rows: ${dataset.rowCount ?? '-'}   updated: ${dataset.lastUpdated?.toISOString() ?? '-'}`,
          '',
          formatTable(
            access,
            [
              { header: 'TYPE', value: (e) => e.type },
              { header: 'NAME', value: (e) => e.name ?? `#${e.id}` },
              { header: 'ACCESS', value: (e) => e.accessLevel },
            ],
            '(nobody)',
          ),
        ].join('\n'),
      );
    });
}

function registerTransfer(datasets: Command, ctx: () => CliContext): void {
  datasets
    .command('transfer <datasets...>')
    .description('make a user the owner of datasets (ids or exact names); each is read back to prove it (asks first)')
    .requiredOption('--to <user>', 'the new owner (id or email)', userArgument('--to'))
    .action(async (refs: string[], options: { to: string }) => {
      const c = ctx();
      const auth = await c.auth();
      const manager = new DomoDatasets(auth);
      const [found, [to]] = await Promise.all([manager.resolve(refs), new DomoUsers(auth).resolve([options.to])]);
      const moving = found.filter((d) => d.ownerId !== to!.id);
      await confirmWrite(c, {
        title: `${moving.length} dataset(s) to ${to!.email}`,
        changes: moving.map(
          (d) => `~ ${JSON.stringify(d.name)}: owner ${d.ownerName ?? d.ownerId ?? '?'} → ${to!.email}`,
        ),
      });
      const result = await manager.transfer(found, to!.id);
      // One change report per dataset moved: its owner removed and the new one added.
      const changes = result.moved.map((m) => {
        const before = found.find((d) => d.id === m.id);
        const from =
          m.from === undefined ? [] : [userItem({ id: m.from, displayName: before?.ownerName ?? null }, 'owner')];
        return changeJson({ type: 'dataset', id: m.id, name: m.name }, [userItem(to!, 'owner')], from);
      });
      c.list(
        changes,
        () =>
          `✓ ${result.moved.length} dataset(s) now owned by ${to!.email} (each read back)${result.unchanged.length ? `; ${result.unchanged.length} already were` : ''}\n`,
      );
    });
}

/** `domo-admin datasets …` */
export function registerDatasets(program: Command, ctx: () => CliContext): void {
  const datasets = program.command('datasets').description('datasets: list, show, transfer');
  registerList(datasets, ctx);
  registerShow(datasets, ctx);
  registerTransfer(datasets, ctx);
}
