import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerSandboxCommand } from './commands/sandbox.js';

/** The `domo-admin` command line. */
export function createProgram(): Command {
  const program = new Command('domo-admin')
    .description('Administer Domo instances: accounts, OAuth templates, sharing, roles, grants and members.')
    .version(VERSION);
  registerSandboxCommand(program);
  return program;
}
