import type { Command } from 'commander';
import type { DomoApiClient } from '../../classes/api-client/api-client.js';
import { DomoApiClients } from '../../classes/api-client/api-clients.js';
import type { CliContext } from '../context.js';
import { confirmWrite } from '../confirm.js';
import { apiClientJson } from '../kinds.js';
import { formatTable } from '../table.js';

/** The owner as people read it: the email, marked when deleted. */
function ownerText(client: DomoApiClient): string {
  const email = client.owner?.email ?? (client.ownerId === undefined ? '?' : `user ${client.ownerId}`);
  return client.owner?.isDeleted || (client.ownerId !== undefined && !client.owner) ? `${email} (deleted)` : email;
}

function clientsTable(clients: readonly DomoApiClient[]): string {
  return formatTable(
    clients,
    [
      { header: 'ID', value: (c) => c.id, right: true },
      { header: 'NAME', value: (c) => c.name },
      { header: 'OWNER', value: (c) => ownerText(c) },
      { header: 'SCOPES', value: (c) => c.scopes.join(', ') },
    ],
    '(no API clients)',
  );
}

/** `domo-admin api-clients list|show|revoke` */
export function registerApiClients(program: Command, ctx: () => CliContext): void {
  const clients = program
    .command('api-clients')
    .description('API clients (OAuth client credentials): list, show, revoke');
  clients
    .command('list')
    .description('every API client: owner and scopes (never a secret)')
    .action(async () => {
      const c = ctx();
      const list = [...(await new DomoApiClients(await c.auth()).list())];
      c.list(
        list.map((client) => apiClientJson(client)),
        () => clientsTable(list),
      );
    });
  clients
    .command('show <client>')
    .description('one API client (id or exact name)')
    .action(async (ref: string) => {
      const c = ctx();
      const client = await new DomoApiClients(await c.auth()).get(ref);
      c.result(apiClientJson(client), () =>
        [
          client.summary(),
          `  owner:     ${ownerText(client)}`,
          `  client id: ${client.clientId ?? '?'}`,
          `  scopes:    ${client.scopes.join(', ') || '(none)'}`,
          '',
        ].join('\n'),
      );
    });
  clients
    .command('revoke <clients...>')
    .description('revoke API clients (ids or exact names): shown, then confirmed; each proven gone')
    .action(async (refs: string[]) => {
      const c = ctx();
      const manager = new DomoApiClients(await c.auth());
      const chosen = await manager.resolve(refs);
      await confirmWrite(c, {
        title: `revoke ${chosen.length} API client(s) (whatever signs in with them is refused from then on)`,
        changes: chosen.map(
          (client) => `− API client ${client.id} ${JSON.stringify(client.name)} of ${ownerText(client)}`,
        ),
      });
      if (c.options.dryRun) return c.result({ dryRun: true, revoked: [] }, () => '');
      const revoked = await manager.revoke(chosen);
      c.result({ revoked }, () => `✓ revoked ${revoked.length} API client(s): ${revoked.join(', ')}\n`);
    });
}
