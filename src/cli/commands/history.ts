import type { Command } from 'commander';
import type { DomoAuth } from '../../auth/base.js';
import { DomoActivityLog } from '../../classes/activity/activity-log.js';
import type { ActivityEvent } from '../../classes/activity/harvest.js';
import { DomoAccounts } from '../../classes/account/accounts.js';
import { DomoGroups } from '../../classes/group/groups.js';
import { DomoRoles } from '../../classes/role/roles.js';
import { DomoUsers } from '../../classes/user/users.js';
import type { CliContext } from '../context.js';
import { activityEventJson } from '../kinds.js';
import { formatTable } from '../table.js';
import { dateOption } from '../options.js';
import { agoText, minuteText } from '../../internal/days.js';

/** The kinds `history` takes, and the log's object type of each. */
const KINDS = { role: 'ROLE', group: 'GROUP', account: 'ACCOUNT', user: 'USER' } as const;
type HistoryKind = keyof typeof KINDS;

/** The object a history is of: its id and a name for the heading. */
async function target(auth: DomoAuth, kind: HistoryKind, ref: string): Promise<{ id: number; name: string }> {
  const byRef = /^\d+$/.test(ref) ? Number(ref) : ref;
  if (kind === 'role') return new DomoRoles(auth).get(byRef);
  if (kind === 'group') return new DomoGroups(auth).get(byRef);
  if (kind === 'account') {
    const account = await new DomoAccounts(auth).get(byRef);
    return { id: account.id, name: account.displayName ?? account.name ?? String(account.id) };
  }
  const user = await new DomoUsers(auth).get(byRef);
  return { id: user.id, name: user.email ?? user.displayName ?? String(user.id) };
}

/** A time as people read it: the date and minute (UTC), and how long ago. */
export function whenText(time: number, now = Date.now()): string {
  return `${minuteText(time)} (${agoText(time, now)})`;
}

function historyTable(events: readonly ActivityEvent[]): string {
  return formatTable(
    events,
    [
      { header: 'WHEN (UTC)', value: (e) => whenText(e.time) },
      { header: 'WHO', value: (e) => e.userName || (e.userId === null ? 'Domo' : `user ${e.userId}`) },
      { header: 'ACTION', value: (e) => e.actionType },
      { header: 'WHAT', value: (e) => e.additionalComment || e.eventText },
    ],
    '(no change in the window read)',
  );
}

/** `domo-admin history <role|group|account|user> <name|id|email> [--since 90d]` */
export function registerHistory(program: Command, ctx: () => CliContext): void {
  program
    .command('history <kind> <ref>')
    .description('who changed a role, group, account or user, and when (from the activity log), newest first')
    .option('--since <date>', 'how far back: a date (2026-03-01) or days back (90d)', dateOption('--since'))
    .option('--until <date>', 'the end of the window (default now)', dateOption('--until'))
    .action(async (kindText: string, ref: string, options: { since?: number; until?: number }, command: Command) => {
      const kind = kindText.toLowerCase();
      if (!Object.hasOwn(KINDS, kind))
        command.error(`history takes role, group, account or user, got ${JSON.stringify(kindText)}`, { exitCode: 2 });
      const c = ctx();
      const auth = await c.auth();
      const object = await target(auth, kind as HistoryKind, ref.trim());
      const { events, result } = await new DomoActivityLog(auth).history(KINDS[kind as HistoryKind], object.id, {
        from: options.since ?? Date.now() - 90 * 86_400_000,
        ...(options.until === undefined ? {} : { to: options.until }),
      });
      if (!result.complete) {
        c.note(`! ${result.failed.length} of ${result.chunks} days could not be read; changes on them are missing:`);
        for (const f of result.failed.slice(0, 10)) c.note(`  ${f.label}: ${f.error}`);
        c.exitCode = 3;
      }
      c.list(events.map(activityEventJson), () => `${kind} ${object.name} (${object.id})\n${historyTable(events)}`);
    });
}
