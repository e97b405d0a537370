import { describe, expect, it } from 'vitest';
import { DomoTokenAuth } from '../../src/index.js';
import { runTs, spawnTs, waitForOutput } from '../helpers/cli.js';

describe('domo-admin sandbox', () => {
  it('serves until interrupted and prints the URL and token', async () => {
    const child = spawnTs('src/cli/main.ts', ['sandbox', '--port', '0', '--accounts', '3', '--quirks']);
    const output = await waitForOutput(child, /Press Ctrl-C/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
    const token = /token:\s+(\S+)/.exec(output)![1]!;
    const auth = new DomoTokenAuth({ instance: 'sandbox', token, baseUrl: url });
    await expect(auth.whoAmI()).resolves.toMatchObject({ emailAddress: 'admin@sandbox.example' });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('rejects a bad option with exit code 2 and says what is valid', async () => {
    const result = await runTs('src/cli/main.ts', ['sandbox', '--accounts', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--accounts takes a whole number');
  });
});
