import type { Command } from 'commander';
import type { DomoApp } from '../../classes/app/app.js';
import { DomoApps } from '../../classes/app/apps.js';
import type { CliContext } from '../context.js';
import { appJson } from '../kinds.js';
import { userArgument } from '../options.js';
import { sharedTransfer } from '../owners.js';
import { formatTable } from '../table.js';

function appsTable(apps: readonly DomoApp[]): string {
  return formatTable(
    apps,
    [
      { header: 'ID', value: (a) => a.id, right: true },
      { header: 'TITLE', value: (a) => a.title },
      { header: 'OWNERS', value: (a) => a.owners.map((o) => o.name ?? `${o.type.toLowerCase()} ${o.id}`).join(', ') },
      { header: 'MODIFIED', value: (a) => a.lastModified?.toISOString().slice(0, 10) },
    ],
    '(no apps)',
  );
}

/** `domo-admin apps …`: App Studio apps. */
export function registerApps(program: Command, ctx: () => CliContext): void {
  const apps = program.command('apps').description('App Studio apps: list, show, transfer');
  apps
    .command('list')
    .description('every app, or those a user owns (--owner: every row checked)')
    .option('--owner <user>', 'only the apps this user owns (id or email)', userArgument('--owner'))
    .action(async (options: { owner?: string }) => {
      const c = ctx();
      const manager = new DomoApps(await c.auth());
      const list =
        options.owner === undefined
          ? await manager.list().toArray({ max: 100_000 })
          : await manager.ownedBy(options.owner);
      c.list(
        list.map((app) => appJson(app)),
        () => appsTable(list),
      );
    });
  apps
    .command('show <app>')
    .description('one app (id or exact title) with its owners and who can open it')
    .action(async (ref: string) => {
      const c = ctx();
      const app = await new DomoApps(await c.auth()).get(ref);
      const access = await app.getAccess();
      c.result(appJson(app, access), () =>
        [
          app.summary(),
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
  sharedTransfer(apps, 'app', ctx, async (c, refs) => new DomoApps(await c.auth()).resolve(refs));
}
