import type { Command } from 'commander';
import type { DomoSession } from '../../classes/session/session.js';
import { DomoSessions } from '../../classes/session/sessions.js';
import type { CliContext } from '../context.js';
import { confirmWrite } from '../confirm.js';
import { userArgument } from '../options.js';
import { sessionJson } from '../kinds.js';
import { formatTable } from '../table.js';

function sessionsTable(sessions: readonly DomoSession[]): string {
  return formatTable(
    sessions,
    [
      { header: 'ID', value: (s) => s.id },
      { header: 'USER', value: (s) => s.user?.email ?? `user ${s.userId}` },
      { header: 'SINCE', value: (s) => s.createdAt?.toISOString() ?? '?' },
    ],
    '(no open sessions)',
  );
}

/** `domo-admin sessions list [--user] | end <ids...> | end --user <user>` */
export function registerSessions(program: Command, ctx: () => CliContext): void {
  const sessions = program.command('sessions').description("users' open sessions: list, end");
  sessions
    .command('list')
    .description('every open session (never a token), or one user’s')
    .option('--user <user>', "only this user's sessions (id or email)", userArgument('--user'))
    .action(async (options: { user?: string }) => {
      const c = ctx();
      const manager = new DomoSessions(await c.auth());
      const list = options.user === undefined ? [...(await manager.list())] : await manager.ofUser(options.user);
      c.list(list.map(sessionJson), () => sessionsTable(list));
    });
  sessions
    .command('end [ids...]')
    .description('end sessions by id, or every session of --user: their tokens stop working; shown, then confirmed')
    .option('--user <user>', 'every session of this user (id or email)', userArgument('--user'))
    .action(async (ids: string[], options: { user?: string }, command: Command) => {
      const c = ctx();
      if (ids.length > 0 === (options.user !== undefined))
        command.error('give session ids, or --user <user> (not both)', { exitCode: 2 });
      const manager = new DomoSessions(await c.auth());
      const chosen = options.user === undefined ? await manager.resolve(ids) : await manager.ofUser(options.user);
      const go = await confirmWrite(c, {
        title: `end ${chosen.length} session(s) (they are signed out at once)`,
        changes: chosen.map((s) => `− session ${s.id} of ${s.user?.email ?? `user ${s.userId}`}`),
      });
      if (c.options.dryRun) return c.result({ dryRun: true, ended: [] }, () => '');
      const ended: string[] = [];
      if (go) for (const session of chosen) if (await session.end()) ended.push(session.id);
      c.result({ ended }, () =>
        ended.length === 0 ? 'no open session to end\n' : `✓ ended ${ended.length} session(s)\n`,
      );
    });
}
