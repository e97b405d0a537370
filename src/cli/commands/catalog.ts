import type { Command } from 'commander';
import { DomoAccounts } from '../../classes/account/accounts.js';
import { DomoRoles } from '../../classes/role/roles.js';
import { grantJson } from '../kinds.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../table.js';

/** `domo-admin grants list` and `domo-admin providers list`: the instance's catalogues. */
export function registerCatalogs(program: Command, ctx: () => CliContext): void {
  program
    .command('grants')
    .description('the grants (authorities) catalogue')
    .command('list')
    .description('every grant, with its group and what it depends on')
    .action(async () => {
      const c = ctx();
      const grants = await new DomoRoles(await c.auth()).authorities();
      c.list(grants.map(grantJson), () =>
        formatTable(
          grants,
          [
            { header: 'GRANT', value: (g) => g.id },
            { header: 'TITLE', value: (g) => g.title },
            { header: 'GROUP', value: (g) => g.group },
            { header: 'NEEDS', value: (g) => g.dependsOn },
          ],
          '(no grants)',
        ),
      );
    });
  program
    .command('providers')
    .description('the data providers (connector types)')
    .command('list')
    .description('every data provider the instance knows')
    .action(async () => {
      const c = ctx();
      const providers = await new DomoAccounts(await c.auth()).dataProviders();
      c.list(providers, () =>
        formatTable(
          providers,
          [
            { header: 'KEY', value: (p) => p.key },
            { header: 'NAME', value: (p) => p.name },
            { header: 'AUTH', value: (p) => p.authenticationScheme },
          ],
          '(no providers)',
        ),
      );
    });
}
