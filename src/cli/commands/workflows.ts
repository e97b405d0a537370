import type { Command } from 'commander';
import type { DomoWorkflow } from '../../classes/workflow/workflow.js';
import { DomoWorkflows } from '../../classes/workflow/workflows.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin workflows list|show|transfer` (workflows) */
export function registerWorkflows(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoWorkflow>(program, ctx, {
    command: 'workflows',
    label: 'workflow',
    manager: (auth) => new DomoWorkflows(auth),
  });
}
