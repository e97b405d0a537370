import type { Command } from 'commander';
import type { DomoFileset } from '../../classes/fileset/fileset.js';
import { DomoFilesets } from '../../classes/fileset/filesets.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin filesets list|show|transfer` (filesets) */
export function registerFilesets(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoFileset>(program, ctx, {
    command: 'filesets',
    label: 'fileset',
    manager: (auth) => new DomoFilesets(auth),
  });
}
