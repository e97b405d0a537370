import { InvalidArgumentError, type Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { exportSpec, SPEC_SECTIONS, specToYaml, type SpecSection } from '../../governance/export.js';
import { loadSpec } from '../../governance/load.js';
import { applyPlan } from '../../governance/apply.js';
import { planSpec, renderPlan } from '../../governance/plan.js';
import { DomoInputError } from '../../client/errors.js';
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

  program
    .command('apply <spec>')
    .description('plan a spec, then apply it; --yes is required: nothing asks')
    .option('--yes', 'apply without asking (required)')
    .option(
      '--allow-destructive',
      'also apply destructive changes (grants removed from roles with members, users moved out)',
    )
    .action(async (file: string, options: { yes?: boolean; allowDestructive?: boolean }) => {
      const c = ctx();
      const auth = await c.auth();
      const plan = await planSpec(auth, loadSpec(await readSpecFile(file), { file }));
      if (!c.json) c.note(renderPlan(plan).trimEnd());
      if (plan.changes.length === 0) return c.result({ applied: [], plan }, () => '');
      if (!options.yes)
        throw new DomoInputError('nothing was applied: review the plan above, then run again with --yes', {
          field: 'yes',
        });
      const report = await applyPlan(auth, plan, {
        allowDestructive: Boolean(options.allowDestructive),
        onProgress: (done, total, change) => c.note(`[${done}/${total}] ${change}`),
      });
      const after = await planSpec(auth, loadSpec(await readSpecFile(file), { file }));
      c.result(
        { ...report, remaining: after.changes },
        () =>
          `✓ applied ${report.applied.length} change(s); ${after.changes.length === 0 ? 'the instance now matches the spec' : `${after.changes.length} change(s) remain:\n${renderPlan(after)}`}\n`,
      );
      if (after.changes.length > 0) c.exitCode = 2;
    });

  program
    .command('plan <spec>')
    .description('show what applying a spec would change (exit 0: no changes, 2: changes, 1: error)')
    .option('--out <file>', 'also write the plan as JSON to this file')
    .action(async (file: string, options: { out?: string }) => {
      const c = ctx();
      const plan = await planSpec(await c.auth(), loadSpec(await readSpecFile(file), { file }));
      if (options.out) await writeFile(options.out, `${JSON.stringify(plan, null, 2)}\n`);
      c.result(plan, () => renderPlan(plan));
      c.exitCode = plan.changes.length > 0 ? 2 : 0; // like terraform plan -detailed-exitcode
    });
}

async function readSpecFile(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DomoInputError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, {
      field: 'spec',
    });
  });
}
