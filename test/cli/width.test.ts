// Tables and lists fitted to the terminal: at a terminal of N columns no line is longer than N (text cut with …,
// numbers whole); off a terminal (a pipe, a file) every cell is printed whole.
import { describe, expect, it } from 'vitest';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli({ accounts: 8 });

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => loopback.cli(args, env);
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
    const ids = [...loopback.sandbox().state.accounts.keys()].map(String);
    for (const id of ids) expect(run.stdout).toMatch(new RegExp(`^\\s*${id}\\s`, 'm'));
  });
});
