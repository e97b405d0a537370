import { InvalidArgumentError, type Command } from 'commander';
import { exportSpec, SPEC_SECTIONS, specToYaml, type SpecSection } from '../../governance/export.js';
import type { CliContext } from '../context.js';

/** A commander parser for `--only roles,groups`. */
function sections(value: string): SpecSection[] {
  const list = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = list.filter((part) => !(SPEC_SECTIONS as readonly string[]).includes(part));
  if (list.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(
      `--only takes a comma-separated list of ${SPEC_SECTIONS.join(', ')}; got ${JSON.stringify(value)}`,
    );
  return list as SpecSection[];
}

/** `domo-admin export`: the instance as a governance spec (YAML on stdout; `--json` for JSON). */
export function registerGovernance(program: Command, ctx: () => CliContext): void {
  program
    .command('export')
    .description(
      'print the instance as a governance spec (YAML): custom roles, the default role, groups, account sharing',
    )
    .option('--only <sections>', `comma-separated: ${SPEC_SECTIONS.join(',')}`, sections)
    .action(async (options: { only?: SpecSection[] }) => {
      const c = ctx();
      const spec = await exportSpec(await c.auth(), options.only ? { only: options.only } : {});
      c.result(spec, () => specToYaml(spec));
    });
}
