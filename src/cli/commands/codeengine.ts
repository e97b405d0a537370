import type { Command } from 'commander';
import type { DomoCodeEnginePackage } from '../../classes/codeengine/package.js';
import { DomoCodeEnginePackages } from '../../classes/codeengine/packages.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin codeengine list|show|transfer` (Code Engine packages) */
export function registerCodeengine(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoCodeEnginePackage>(program, ctx, {
    command: 'codeengine',
    label: 'Code Engine package',
    manager: (auth) => new DomoCodeEnginePackages(auth),
  });
}
