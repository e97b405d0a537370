// Tables and lists fitted to the terminal: at a terminal of N columns no line is longer than N (text cut with …,
// numbers whole); off a terminal (a pipe, a file) every cell is printed whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

let sb: RunningSandbox;
beforeEach(async () => {
  sb = await startSandbox({ accounts: 8 });
});
afterEach(async () => {
  await sb.close();
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = bufferIo({ DOMO_INSTANCE: sb.instance, DOMO_ACCESS_TOKEN: sb.token, DOMO_BASE_URL: sb.url, ...env });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}
const longest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

describe('fitted to the terminal', () => {
  it.each([
    ['users', 'list'],
    ['accounts', 'list', '--with-config'],
    ['roles', 'show', 'Editor'],
    ['roles', 'list'],
  ])('%s %s: no line wider than 60 columns at a 60-column terminal; whole off a terminal', async (...args) => {
    const fitted = await cli(args, { COLUMNS: '60' });
    expect(fitted.code).toBe(0);
    expect(longest(fitted.stdout)).toBeLessThanOrEqual(60);
    const whole = await cli(args);
    expect(whole.stdout.replace(/\s+/g, ' ')).not.toContain('…');
  });

  it('cuts text with …, never a number', async () => {
    const run = await cli(['accounts', 'list', '--with-config'], { COLUMNS: '60' });
    expect(run.stdout).toContain('…');
    const ids = [...sb.state.accounts.keys()].map(String);
    for (const id of ids) expect(run.stdout).toMatch(new RegExp(`^\\s*${id}\\s`, 'm'));
  });
});
