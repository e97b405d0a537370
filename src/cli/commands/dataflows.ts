import type { Command } from 'commander';
import { DomoDataflows } from '../../classes/dataflow/dataflows.js';
import type { DomoDataflow } from '../../classes/dataflow/dataflow.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin dataflows list|show|transfer` */
export function registerDataflows(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoDataflow>(program, ctx, {
    command: 'dataflows',
    label: 'dataflow',
    manager: (auth) => new DomoDataflows(auth),
    columns: [{ header: 'TYPE', value: (f) => f.databaseType }],
    showLines: (f) => [
      `  type: ${f.databaseType ?? '-'}`,
      `  reads:  ${f.inputDatasetIds.join(', ') || '-'}`,
      `  writes: ${f.outputDatasetIds.join(', ') || '-'}`,
    ],
  });
}
