import type { Command } from 'commander';
import type { DomoAlert } from '../../classes/alert/alert.js';
import { DomoAlerts } from '../../classes/alert/alerts.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin alerts list|show|transfer` */
export function registerAlerts(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoAlert>(program, ctx, {
    command: 'alerts',
    label: 'alert',
    manager: (auth) => new DomoAlerts(auth),
    columns: [
      { header: 'CARD', value: (a) => a.cardId },
      { header: 'ACTIVE', value: (a) => (a.active ? 'yes' : 'no') },
    ],
    showLines: (a) => [`  watches card: ${a.cardId ?? '-'}   active: ${a.active ? 'yes' : 'no'}`],
  });
}
