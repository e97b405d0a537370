import type { Command } from 'commander';
import type { DomoAppDbCollection } from '../../classes/appdb/collection.js';
import { DomoAppDbCollections } from '../../classes/appdb/collections.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin appdb list|show|transfer` (AppDB collections) */
export function registerAppDb(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoAppDbCollection>(program, ctx, {
    command: 'appdb',
    label: 'AppDB collection',
    manager: (auth) => new DomoAppDbCollections(auth),
    columns: [{ header: 'DATASTORE', value: (c) => c.datastoreId }],
    showLines: (c) => [
      `  datastore: ${c.datastoreId ?? '-'} (a datastore's own owner cannot be changed through the API)`,
    ],
  });
}
