import type { Command } from 'commander';
import { DomoUser, roleNameOf } from '../../classes/user/user.js';
import type { CliContext } from '../context.js';
import { inline } from '../text.js';

export function registerWhoAmI(program: Command, ctx: () => CliContext): void {
  program
    .command('whoami')
    .description('show the user the credentials belong to')
    .action(async () => {
      const auth = await ctx().auth();
      const me = await auth.whoAmI();
      const role = (await roleNameOf(auth, me)) ?? 'unknown';
      // The user kind's JSON, as `users show --json` prints it: the user's fields, and the role by name.
      const user = DomoUser.hydrate(auth, me);
      ctx().result(
        { ...user, role, instance: auth.instance },
        () =>
          `${inline(String(me.displayName ?? me.emailAddress ?? me.id))} <${inline(me.emailAddress ?? '?')}> — user ${me.id}, role ${inline(role)}, instance ${auth.instance}\n`,
      );
    });
}
