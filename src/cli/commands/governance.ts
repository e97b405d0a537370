import { InvalidArgumentError, Option, type Command } from 'commander';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { DomoAuth } from '../../auth/base.js';
import { DomoFileError, DomoInputError, fileError } from '../../client/errors.js';
import { diffSpecs, renderDiff } from '../../governance/diff.js';
import { exportSpec, SPEC_SCHEMA_PATH, SPEC_SECTIONS, specToYaml, type SpecSection } from '../../governance/export.js';
import { DomoSpecError, loadSpec } from '../../governance/load.js';
import { validateSpec, type SpecValidation } from '../../governance/validate.js';
import { planSpec, renderPlan, type Plan } from '../../governance/plan.js';
import { diffTargets, explainDrift, planTargets, renderDrift, type DriftReport } from '../../governance/drift.js';
import { fenced, planJson, renderPlanMarkdown } from '../../governance/render-markdown.js';
import { planRestore } from '../../governance/restore.js';
import { isSavedPlan, loadPlan, replanSaved, savePlan } from '../../governance/saved-plan.js';
import { loadSnapshot } from '../../governance/snapshot.js';
import { specJsonSchema, type Spec } from '../../governance/spec.js';
import type { CliContext } from '../context.js';
import { appliedText, applyApproved, type ApplyFlags } from '../apply.js';
import { formatOption, profilesOption, reportInstances } from '../instances.js';
import {
  DIFF_RENDER,
  applyMany,
  diffMany,
  planExit,
  planMany,
  reportValidation,
  specForProfile,
  validateMany,
} from './governance-many.js';
import { specFor } from '../../governance/environments.js';
import { policyOption, readPolicies, readText, type PolicySource } from '../spec-files.js';
import { DomoPolicyError, type LocatedRule } from '../../governance/policy.js';
import { denied } from '../../governance/render.js';
import { consent } from '../confirm.js';
import { restoreOffboardingFile } from './offboard.js';

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

/** `export`, `plan`, `apply`, `restore` and `diff`: governance as code. */
export function registerGovernance(program: Command, ctx: () => CliContext): void {
  registerGovernanceExport(program, ctx);
  registerGovernancePlan(program, ctx);
  registerGovernanceValidate(program, ctx);
  registerGovernanceApply(program, ctx);
  registerGovernanceRestore(program, ctx);
  registerGovernanceDiff(program, ctx);
}

function registerGovernanceExport(program: Command, ctx: () => CliContext): void {
  program
    .command('export')
    .description(
      'print the instance as a governance spec (YAML): custom roles, the default role, groups, account sharing',
    )
    .option('--only <sections>', `comma-separated: ${SPEC_SECTIONS.join(',')}`, sections)
    .option('--schema <path|url>', `where the spec's $schema header points editors (default ${SPEC_SCHEMA_PATH})`)
    .action(async (options: { only?: SpecSection[]; schema?: string }) => {
      const c = ctx();
      const spec = await exportSpec(await c.auth(), {
        ...(options.only ? { only: options.only } : {}),
        onSkip: (skipped) => c.note(`! left out of the spec: ${skipped.reason}`),
      });
      c.data(spec, specToYaml(spec, options.schema === undefined ? {} : { schema: options.schema }));
    });
  program
    .command('schema')
    .description(
      'print the JSON Schema of governance specs (to keep beside them: export --schema ./spec.schema.json), or with --kind of what --json prints',
    )
    .addOption(new Option('--kind <kind>', 'a --json output kind').choices(JSON_KINDS))
    .action(async (options: { kind?: (typeof JSON_KINDS)[number] }) => {
      const schema = options.kind
        ? (await import('../kinds-schema.js')).kindJsonSchema(options.kind)
        : specJsonSchema();
      ctx().data(schema, `${JSON.stringify(schema, null, 2)}\n`);
    });
}

/** The kinds `schema --kind` prints: every kind of `kinds-schema.ts` (a test holds them equal; listed here so that
 * `--help` loads no schema). */
export const JSON_KINDS = [
  'user',
  'role',
  'group',
  'account',
  'oauthTemplate',
  'grant',
  'dataset',
  'card',
  'page',
  'app',
  'content',
  'accessToken',
  'newAccessToken',
  'apiClient',
  'session',
  'activityEvent',
  'activityExport',
  'change',
  'instances',
  'error',
] as const;

type PlanFormat = 'text' | 'markdown' | 'json';

interface PlanFlags {
  out?: string;
  explainDrift?: number;
  format?: PlanFormat;
  policy?: string[];
  profiles?: string[];
}

/**
 * The spec as the instance in use sees it: with `--profile`, that profile's environment (see `specForProfile`); else
 * the spec without its environments.
 */
function specIn(c: CliContext, spec: Spec): Spec {
  const profile = c.options.profile;
  return profile === undefined ? specFor(spec) : specForProfile(spec, profile);
}

/** `plan --profiles`: `--out` and `--explain-drift` are one instance's (run those with `--profile <name>`). */
function planManyChecked(c: CliContext, spec: Spec, options: PlanFlags, policies: PolicySource): Promise<void> {
  if (options.out || options.explainDrift)
    throw new DomoInputError(
      `${options.out ? '--out' : '--explain-drift'} is for one instance: run plan --profile <name> ${options.out ? '--out <file>' : '--explain-drift'} for each`,
      { field: 'profiles' },
    );
  return planMany(c, spec, options.profiles ?? [], { ...(options.format ? { format: options.format } : {}), policies });
}

/** `plan --format markdown|json`: the comment, or the versioned JSON, on standard output whatever `--json` says. */
function printPlanAs(c: CliContext, plan: Plan, format: 'markdown' | 'json', drift: DriftReport | undefined): void {
  if (format === 'json') {
    const json = drift ? { ...planJson(plan), drift } : planJson(plan);
    return c.io.out(`${JSON.stringify(json, null, 2)}\n`);
  }
  const driftText = drift
    ? `\n<details><summary>Last changes seen in the activity log</summary>\n\n\`\`\`\n${renderDrift(drift).trim()}\n\`\`\`\n\n</details>\n`
    : '';
  c.io.out(renderPlanMarkdown(plan) + driftText);
}

const EXPLAIN_HELP =
  'name the last change the activity log shows to each drifted role, group and account (default 30 days)';

/** `--explain-drift` alone is 30 days; with a value, that many. */
function explainOption(help: string): Option {
  return new Option('--explain-drift [days]', help).preset('30').argParser(explainDays);
}

function explainDays(value: string): number {
  const days = Number(value);
  if (!/^\d{1,4}$/.test(value.trim()) || days < 1)
    throw new InvalidArgumentError(`--explain-drift takes a number of days ≥ 1, got ${JSON.stringify(value)}`);
  return days;
}

function registerGovernancePlan(program: Command, ctx: () => CliContext): void {
  program
    .command('plan <spec>')
    .description('show what applying a spec would change (exit 0: no changes, 2: changes, 1: error)')
    .option('--out <file>', 'also write the plan to this file, to review and `apply` later')
    .addOption(explainOption(EXPLAIN_HELP))
    .addOption(
      new Option(
        '--format <format>',
        "text (default); markdown: a pull-request comment (under GitHub's size limit); json: the versioned plan for policy tools",
      ).choices(['text', 'markdown', 'json']),
    )
    .addOption(policyOption())
    .addOption(profilesOption('plan each of these instances, with the spec as its environment sees it'))
    .action(async (file: string, options: PlanFlags) => {
      const c = ctx();
      const policies = await readPolicies(options.policy);
      const spec = loadSpec(await readText(file), { file });
      if (options.profiles) return planManyChecked(c, spec, options, policies);
      const auth = await c.auth();
      const plan = await planSpec(auth, specIn(c, spec), { policies: policies(c.options.profile) });
      const drift = options.explainDrift
        ? await explainDrift(auth, planTargets(plan), { days: options.explainDrift })
        : undefined;
      // The plan is shown first: a file that cannot be written loses nothing that was computed.
      if (options.format === 'markdown' || options.format === 'json') printPlanAs(c, plan, options.format, drift);
      else c.result(drift ? { ...plan, drift } : plan, () => renderPlan(plan) + (drift ? renderDrift(drift) : ''));
      c.exitCode = planExit(plan);
      if (options.out) await writePlanFile(options.out, `${JSON.stringify(savePlan(plan), null, 2)}\n`, file);
    });
}

function registerGovernanceValidate(program: Command, ctx: () => CliContext): void {
  program
    .command('validate <specs...>')
    .description('check specs offline, no instance read: the schema and what their sections say about each other')
    .addOption(policyOption())
    .addOption(profilesOption('check the spec as each of these environments sees it'))
    .action(async (files: string[], options: { policy?: string[]; profiles?: string[] }) => {
      const c = ctx();
      const policies = await readPolicies(options.policy);
      if (options.profiles) {
        if (files.length !== 1) throw new DomoInputError('validate --profiles takes one spec', { field: 'profiles' });
        const file = files[0] as string;
        return validateMany(c, file, loadSpec(await readText(file), { file }), options.profiles, policies);
      }
      const results: (SpecValidation & { file: string })[] = [];
      for (const file of files) results.push({ file, ...(await validateFile(file, policies(c.options.profile))) });
      reportValidation(c, results);
    });
}

/** One file's validation; a spec that does not load (YAML, schema) is its problems, each with its line. */
async function validateFile(file: string, policies: LocatedRule[]): Promise<SpecValidation> {
  try {
    return validateSpec(loadSpec(await readText(file), { file }), { policies });
  } catch (error) {
    if (!(error instanceof DomoSpecError)) throw error;
    return {
      errors: error.problems.map(
        (p) => `${p.line > 0 ? `line ${p.line}:${p.column} ` : ''}${p.path ? `${p.path}: ` : ''}${p.message}`,
      ),
      warnings: [],
    };
  }
}

interface DiffFlags {
  format?: 'text' | 'markdown';
  from: string;
  to?: string;
  only?: SpecSection[];
  explainDrift?: number;
  profiles?: string[];
}

function registerGovernanceDiff(program: Command, ctx: () => CliContext): void {
  program
    .command('diff')
    .description(
      'compare two instances (profiles) or a spec file and an instance, by names (exit 0: the same, 2: different)',
    )
    .requiredOption('--from <spec|profile>', 'a spec file, a profile name, or "instance" (the one in use)')
    .option('--to <spec|profile>', 'a spec file, a profile name, or "instance"')
    .addOption(
      profilesOption('compare the --from spec with each of these instances (as its environment sees it)').conflicts(
        'to',
      ),
    )
    .addOption(formatOption())
    .option('--only <sections>', `comma-separated: ${SPEC_SECTIONS.join(',')}`, sections)
    .addOption(explainOption(`${EXPLAIN_HELP} (the instance in use)`))
    .action(async (options: DiffFlags) => {
      const c = ctx();
      if (options.profiles) {
        if (options.explainDrift)
          throw new DomoInputError(
            '--explain-drift is for one instance: run diff --to <profile> --explain-drift for each',
            {
              field: 'profiles',
            },
          );
        if (!existsSync(options.from))
          throw new DomoInputError('diff --profiles compares a spec file (--from) with each instance', {
            field: 'from',
          });
        const spec = loadSpec(await readText(options.from), { file: options.from });
        return diffMany(c, spec, options.from, options.profiles, { only: options.only, format: options.format });
      }
      if (!options.to) throw new DomoInputError('diff needs --to (or --profiles)', { field: 'to' });
      const [from, to] = await Promise.all([
        sideOf(c, options.from, options.only),
        sideOf(c, options.to ?? '', options.only),
      ]);
      const scope = from.file === to.file ? 'both' : from.file ? 'from' : 'to';
      const diff = diffSpecs(from.spec, to.spec, { fromLabel: options.from, toLabel: options.to ?? '', scope });
      const drift = options.explainDrift
        ? await explainDrift(await c.auth(), diffTargets(diff), { days: options.explainDrift })
        : undefined;
      c.exitCode = diff.differences.length > 0 ? 2 : 0;
      if (options.format === 'markdown') {
        const one = { profile: options.to ?? '', instance: null, exitCode: c.exitCode, result: diff };
        const withDrift = (d: typeof diff) =>
          DIFF_RENDER.markdown(d) + (drift ? `\n${fenced(renderDrift(drift).trimEnd(), 'text')}` : '');
        return reportInstances(c, [one], 'markdown', { ...DIFF_RENDER, markdown: withDrift });
      }
      c.result(drift ? { ...diff, drift } : diff, () => renderDiff(diff) + (drift ? renderDrift(drift) : ''));
    });
}

function withApplyFlags(command: Command): Command {
  return command
    .option(
      '--allow-destructive',
      'also apply destructive changes (grants removed from roles with members, members removed, shares revoked, deletions)',
    )
    .option('--snapshot-dir <dir>', 'write the snapshot taken before applying here (default .domo-admin/snapshots)')
    .option('--allow-self-lockout', 'also apply a plan that takes role.manage from you (the signed-in user)')
    .addOption(policyOption());
}

/**
 * Shows the plan, applies it with `--yes` (a snapshot first), then plans again and reports what remains: the one
 * path `apply` and `restore` share.
 */
async function applyReviewed(
  c: CliContext,
  auth: DomoAuth,
  plan: Plan,
  replan: () => Promise<Plan>,
  options: ApplyFlags,
  target: string,
): Promise<void> {
  if (!c.json) c.note(renderPlan(plan).trimEnd());
  if (denied(plan)) throw new DomoPolicyError(plan.violations);
  if (plan.changes.length === 0) return c.result({ applied: [], remaining: [] }, () => '');
  await consent(c, 'nothing was applied: review the plan above, then run again with --yes');
  const { report, after } = await applyApproved(c, auth, plan, replan, options);
  c.result({ ...report, remaining: after.changes }, () => appliedText(report, after, target));
  if (after.changes.length > 0) c.exitCode = 2;
}

/** One side of a diff: a spec file as written, or an instance (a profile, or the one in use) exported. */
async function sideOf(
  c: CliContext,
  value: string,
  only: SpecSection[] | undefined,
): Promise<{ spec: Spec; file: boolean }> {
  if (existsSync(value)) return { spec: specIn(c, loadSpec(await readText(value), { file: value })), file: true };
  if (/\.(ya?ml|json)$/i.test(value)) throw new DomoInputError(`cannot read ${value}: no such file`, { field: 'spec' });
  const auth = value === 'instance' ? await c.auth() : await c.authFor(value);
  return { spec: await exportSpec(auth, only ? { only } : {}), file: false };
}

/**
 * Writes a saved plan, refusing to overwrite anything that is not one (the spec itself: `plan spec.yaml --out
 * spec.yaml`). File errors are {@link DomoFileError}s.
 */
async function writePlanFile(out: string, text: string, specFile: string): Promise<void> {
  const existing = await readFile(out, 'utf8').catch(() => undefined);
  const same = existsSync(out) && existsSync(specFile) && realpathSync(out) === realpathSync(specFile);
  if (same || (existing !== undefined && !isSavedPlan(parseQuietly(existing))))
    throw new DomoFileError(
      `cannot write the plan: ${out} ${same ? 'is the spec being planned' : 'exists and is not a saved plan'}; nothing was overwritten (the plan is shown above): give another file`,
      out,
      'EEXIST',
    );
  await writeFile(out, text).catch((error: unknown) => {
    throw fileError(error, out, 'the plan (it is shown above)');
  });
}

function parseQuietly(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

function registerGovernanceApply(program: Command, ctx: () => CliContext): void {
  withApplyFlags(
    program
      .command('apply <file>')
      .description(
        'apply a spec, or a plan saved by `plan --out` (refused if the instance changed since); asks in a terminal, --yes elsewhere',
      )
      .addOption(
        profilesOption('apply to each of these instances in turn (a failing one is reported, the rest applied)'),
      ),
  ).action(async (file: string, options: ApplyFlags) => {
    const c = ctx();
    const text = await readText(file);
    const source = await readPolicies(options.policy);
    const policies = source(c.options.profile);
    const parsed = parseQuietly(text);
    if (options.profiles) {
      if (isSavedPlan(parsed))
        throw new DomoInputError("a saved plan is one instance's: apply it with --profile <name>", {
          field: 'profiles',
        });
      return applyMany(c, loadSpec(text, { file }), options.profiles, { ...options, policies: source });
    }
    const auth = await c.auth();
    if ((parsed as { format?: unknown } | undefined)?.format === 'domo-admin-snapshot')
      throw new DomoInputError(
        `${file} is a snapshot, not a spec or a saved plan: to go back to it, run \`domo-admin restore ${file}\``,
        { field: 'file' },
      );
    if (isSavedPlan(parsed)) {
      const saved = loadPlan(text, { file });
      const replan = () => planSpec(auth, saved.spec, { absent: saved.absent, policies });
      await applyReviewed(c, auth, await replanSaved(auth, saved, { policies }), replan, options, 'the plan');
    } else {
      const spec = specIn(c, loadSpec(text, { file }));
      const replan = () => planSpec(auth, spec, { policies });
      await applyReviewed(c, auth, await replan(), replan, options, 'the spec');
    }
  });
}

function registerGovernanceRestore(program: Command, ctx: () => CliContext): void {
  withApplyFlags(
    program
      .command('restore <snapshot>')
      .description(
        'plan and apply the way back to a snapshot written before an apply or an offboarding; asks in a terminal, --yes elsewhere',
      ),
  ).action(async (file: string, options: ApplyFlags) => {
    const c = ctx();
    const auth = await c.auth();
    const text = await readText(file);
    const policies = (await readPolicies(options.policy))(c.options.profile);
    if ((parseQuietly(text) as { format?: unknown } | undefined)?.format === 'domo-admin-offboarding-snapshot') {
      if (options.policy)
        throw new DomoInputError('--policy judges governance plans, not the restore of an offboarding', {
          field: 'policy',
        });
      return restoreOffboardingFile(c, auth, text, file);
    }
    const snapshot = loadSnapshot(text, { file });
    const replan = () => planRestore(auth, snapshot, { policies });
    await applyReviewed(c, auth, await replan(), replan, options, 'the snapshot');
  });
}
