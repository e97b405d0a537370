// Colour for people at a terminal, never for anyone else: green/yellow/red marks (+ ~ −), severities and errors;
// off with NO_COLOR, --no-color, --json and off a terminal; server text can never colour anything.
import { describe, expect, it } from 'vitest';
import { colourFor, paintMarks } from '../../src/cli/color.js';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli();

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => loopback.cli(args, env);
/** A grant Editor does not hold whose dependencies it holds: adding it changes something. */
function grantEditorLacks(): string {
  const editor = [...loopback.sandbox().state.roles.values()].find((r) => r.name === 'Editor')!;
  const grant = [...loopback.sandbox().state.authorities.values()].find(
    (a) =>
      !editor.authorities.includes(a.authority) &&
      (a.dependsOnAuthorities ?? []).every((d) => editor.authorities.includes(d)),
  );
  return grant!.authority;
}
const GREEN_PLUS = '\x1b[32m+ \x1b[39m';
const ESC = '\x1b[';

describe('colour', () => {
  it('paints the marks of a change green, yellow and red, and errors red', async () => {
    const added = await cli(['roles', 'grants', 'add', 'Editor', grantEditorLacks()], { FORCE_COLOR: '1' });
    expect(added.stdout).toContain(GREEN_PLUS);
    const refused = await cli(['roles', 'grants', 'remove', 'Editor', 'dataset.export'], { FORCE_COLOR: '1' });
    expect(refused.stderr).toContain('\x1b[31m− \x1b[39mdataset.export');
    expect(refused.stderr).toContain('\x1b[31mDomoInputError: \x1b[39m');
  });

  it('is off with NO_COLOR, --no-color, --json, and off a terminal', async () => {
    const args = ['roles', 'grants', 'add', 'Editor', grantEditorLacks()];
    for (const [extra, env] of [
      [[], { FORCE_COLOR: '1', NO_COLOR: '1' }],
      [['--no-color'], { FORCE_COLOR: '1' }],
      [['--json'], { FORCE_COLOR: '1' }],
      [[], {}],
    ] as [string[], NodeJS.ProcessEnv][]) {
      const run = await cli([...extra, ...args], env);
      expect(run.stdout + run.stderr, `${extra.join(' ')} ${JSON.stringify(env)}`).not.toContain(ESC);
    }
  });

  it('server text is made printable before painting: a name cannot colour the terminal', async () => {
    const editor = [...loopback.sandbox().state.roles.values()].find((r) => r.name === 'Editor')!;
    editor.name = '+ \x1b[31mEditor';
    const run = await cli(['roles', 'list'], { FORCE_COLOR: '1' });
    expect(run.stdout).toContain('\\x1B[31mEditor');
    expect(run.stdout).not.toContain('\x1b[31mEditor');
  });

  it('the rules: NO_COLOR wins, FORCE_COLOR=0 is off, TERM=dumb is off, a terminal is on', () => {
    expect(colourFor(true, {})).toBe(true);
    expect(colourFor(false, {})).toBe(false);
    expect(colourFor(true, { NO_COLOR: '1' })).toBe(false);
    expect(colourFor(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourFor(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourFor(true, { TERM: 'dumb' })).toBe(false);
    expect(paintMarks('  ~ changed\nplain')).toBe('  \x1b[33m~ \x1b[39mchanged\nplain');
  });
});
