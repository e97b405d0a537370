import type { Command } from 'commander';
import type { DomoBeastMode } from '../../classes/beast-mode/beast-mode.js';
import { DomoBeastModes } from '../../classes/beast-mode/beast-modes.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin beast-modes list|show|transfer` */
export function registerBeastModes(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoBeastMode>(program, ctx, {
    command: 'beast-modes',
    label: 'beast mode',
    manager: (auth) => new DomoBeastModes(auth),
    columns: [
      { header: 'KIND', value: (b) => (b.global ? 'variable' : 'beast mode') },
      { header: 'DATASETS', value: (b) => b.datasetIds.length, right: true },
    ],
    showLines: (b) => [
      `  formula: ${b.expression ?? '-'}`,
      `  datasets: ${b.datasetIds.join(', ') || '-'}`,
      `  cards: ${b.cardIds.join(', ') || '-'}`,
    ],
  });
}
