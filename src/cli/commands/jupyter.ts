import type { Command } from 'commander';
import type { DomoJupyterWorkspace } from '../../classes/jupyter/workspace.js';
import { DomoJupyterWorkspaces } from '../../classes/jupyter/workspaces.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin jupyter list|show|transfer` (Jupyter workspaces) */
export function registerJupyter(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoJupyterWorkspace>(program, ctx, {
    command: 'jupyter',
    label: 'Jupyter workspace',
    manager: (auth) => new DomoJupyterWorkspaces(auth),
  });
}
