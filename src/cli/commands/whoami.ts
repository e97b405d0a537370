import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { inline } from '../text.js';

export function registerWhoAmI(program: Command, ctx: () => CliContext): void {
  program
    .command('whoami')
    .description('show the user the credentials belong to')
    .action(async () => {
      const auth = await ctx().auth();
      const me = await auth.whoAmI();
      ctx().result(
        me,
        () =>
          `${inline(String(me.displayName ?? me.emailAddress ?? me.id))} <${inline(me.emailAddress ?? '?')}> — user ${me.id}, role ${me.roleId ?? '?'}, instance ${auth.instance}\n`,
      );
    });
}
