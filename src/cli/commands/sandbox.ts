import type { Command } from 'commander';
import { integerOption } from '../options.js';

/** `domo-admin sandbox`: serves a fake Domo instance on loopback until interrupted. */
export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('serve a stateful fake Domo instance on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 = any free port)', integerOption('--port', 0), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--accounts <n>', 'credential accounts to seed', integerOption('--accounts', 0), 12)
    .option('--users <n>', 'users to seed besides the admin', integerOption('--users', 1), 300)
    .option('--seed <n>', 'seed for generated data and faults', integerOption('--seed', 0), 1)
    .option('--latency-ms <n>', 'latency added to every response', integerOption('--latency-ms', 0), 0)
    .option('--quirks', 'answer role delete and metadata update with 400 after applying, as Domo has been seen to')
    .action(
      async (options: {
        port: number;
        host: string;
        accounts: number;
        users: number;
        seed: number;
        latencyMs: number;
        quirks?: boolean;
      }) => {
        const { startSandbox } = await import('../../sandbox/server.js'); // loaded only for this command
        const sb = await startSandbox({
          port: options.port,
          host: options.host,
          accounts: options.accounts,
          users: options.users,
          seed: options.seed,
          latencyMs: options.latencyMs,
          quirks: Boolean(options.quirks),
        });
        process.stdout.write(
          [
            `domo-admin sandbox listening on ${sb.url}`,
            `instance: ${sb.instance}`,
            `token:    ${sb.token}`,
            '',
            'Point domo-admin at it with:',
            `  export DOMO_INSTANCE=${sb.instance} DOMO_BASE_URL=${sb.url} DOMO_ACCESS_TOKEN=${sb.token}`,
            'Press Ctrl-C to stop.',
            '',
          ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await sb.close();
      },
    );
}
