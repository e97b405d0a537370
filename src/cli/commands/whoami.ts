import type { Command } from 'commander';
import { DomoUser, roleNameOf } from '../../classes/user/user.js';
import type { CliContext } from '../context.js';
import { userJson } from '../kinds.js';
import { inline } from '../text.js';

export function registerWhoAmI(program: Command, ctx: () => CliContext): void {
  program
    .command('whoami')
    .description('show the user the credentials belong to')
    .action(async () => {
      const auth = await ctx().auth();
      const me = await auth.whoAmI();
      const user = DomoUser.hydrate(auth, me);
      const role = (await roleNameOf(auth, me)) ?? null;
      // The user kind, as `users show --json` prints it.
      ctx().result(
        { ...userJson(user), role, instance: auth.instance },
        () =>
          `${inline(String(me.displayName ?? me.emailAddress ?? me.id))} <${inline(me.emailAddress ?? '?')}> — user ${me.id}, role ${inline(role ?? 'unknown')}, instance ${auth.instance}\n`,
      );
    });
}
