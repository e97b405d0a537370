// Help: every command's --help ends with at least two examples, and every example is a command line the CLI
// accepts (parsed by the real program up to the point its action would run: options, choices, arguments).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { EXAMPLES } from '../../src/cli/examples.js';
import { bufferIo } from '../../src/cli/io.js';
import { createProgram } from '../../src/cli/program.js';

const TOP = [
  'whoami',
  'accounts',
  'roles',
  'users',
  'groups',
  'tokens',
  'api-clients',
  'sessions',
  'activity',
  'history',
  'datasets',
  'dataflows',
  'beast-modes',
  'appdb',
  'alerts',
  'report-schedules',
  'workflows',
  'codeengine',
  'jupyter',
  'filesets',
  'cards',
  'pages',
  'apps',
  'grants',
  'export',
  'audit',
  'owned',
  'offboard',
  'sandbox',
  'repl',
];

/** Every runnable command (one without subcommands) under `command`, by the words that run it. */
function leaves(command: Command, path: string[] = []): [string, Command][] {
  const here = [...path, command.name()];
  if (command.commands.length === 0) return [[here.join(' '), command]];
  return command.commands.flatMap((child) => leaves(child, here));
}

async function allCommands(): Promise<Map<string, Command>> {
  const found = new Map<string, Command>();
  for (const top of TOP) {
    const { program } = await createProgram(bufferIo({}), [top]);
    for (const child of program.commands)
      for (const [path, command] of leaves(child)) if (!found.has(path)) found.set(path, command);
  }
  return found;
}

/** The argv of an example: shell words up to a pipe, a redirect or a comment, without env assignments. */
function argvOf(example: string): string[] {
  const words = example.match(/'[^']*'|"[^"]*"|[^\s]+/g) ?? [];
  const argv: string[] = [];
  for (const word of words) {
    if (word === '|' || word === '>' || word === '#') break;
    argv.push(word.replace(/^(['"])(.*)\1$/, '$2'));
  }
  while (argv.length > 0 && /^[A-Z_]+=/.test(argv[0]!)) argv.shift();
  expect(argv.shift(), example).toBe('domo-admin');
  return argv;
}

class Parsed extends Error {}

describe('help', () => {
  it('every command has at least two examples, shown at the end of its --help', async () => {
    const commands = await allCommands();
    expect(commands.size).toBeGreaterThan(50);
    for (const [path, command] of commands) {
      const name = path.replace(/^domo-admin /, '');
      expect(EXAMPLES[name]?.length ?? 0, name).toBeGreaterThanOrEqual(2);
      const io = bufferIo({});
      command.configureOutput({ writeOut: io.out });
      command.outputHelp();
      const shown = io.stdout().split('Examples:\n')[1] ?? '';
      for (const example of EXAMPLES[name]!) expect(shown, name).toContain(example);
    }
  });

  it('every example names its own command and parses', async () => {
    for (const [name, examples] of Object.entries(EXAMPLES)) {
      for (const example of examples) {
        const argv = argvOf(example);
        const { program } = await createProgram(bufferIo({}), argv);
        let ran: string | undefined;
        program.hook('preAction', (_root, action) => {
          const words: string[] = [];
          for (let c: Command | null = action; c && c.parent; c = c.parent) words.unshift(c.name());
          ran = words.join(' ');
          throw new Parsed();
        });
        await expect(program.parseAsync(argv, { from: 'user' }), example).rejects.toBeInstanceOf(Parsed);
        expect(ran, example).toBe(name);
      }
    }
  });

  it("README and --help agree: the README's command list names every command, and only real ones", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /## CLI\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const lines = block.split('\n').filter((line) => line.startsWith('domo-admin '));
    const commands = await allCommands();
    for (const path of commands.keys()) {
      const words = path.split(' ').map((w) => `\\b${w}\\b`);
      const pattern = new RegExp(`domo-admin .*${words.join('.*')}`);
      expect(
        lines.some((line) => pattern.test(line)),
        `${path} in the README's command list`,
      ).toBe(true);
    }
    const tops = new Set([...commands.keys()].map((path) => path.split(' ')[0]));
    for (const line of lines) expect(tops, line).toContain(line.split(/\s+/)[1]);
  });
});
