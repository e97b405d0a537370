import type { Command } from 'commander';
import { hasEnvCredentials } from '../../auth/env.js';
import type { CliContext } from '../context.js';
import { startRepl } from '../repl.js';

/** `domo-admin repl`: the REPL, against the environment's instance or else an embedded sandbox. */
export function registerRepl(program: Command, ctx: () => CliContext): void {
  program
    .command('repl')
    .description('an interactive session with auth, the classes and the routes preloaded')
    .action(async () => {
      const c = ctx();
      const useSandbox = Boolean(c.options.sandbox) || !(hasEnvCredentials(c.io.env) || c.options.instance);
      if (useSandbox) c.options.sandbox = true;
      const auth = await c.auth();
      const source = useSandbox
        ? `an embedded sandbox: no DOMO_INSTANCE and credential in the environment`
        : 'credentials from the environment';
      const { closed } = await startRepl({ auth, source });
      await closed;
    });
}
