// `plan`, `apply`, `diff` and `validate` with `--profiles dev,stage,prod`: one spec, several instances, each with the
// spec as its environment sees it (`environments:`), one result each and the worst exit code.
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { diffSpecs, renderDiff, type SpecDiff } from '../../governance/diff.js';
import { environmentOf, specFor } from '../../governance/environments.js';
import { exportSpec, type SpecSection } from '../../governance/export.js';
import { planSpec, renderPlan, type Plan } from '../../governance/plan.js';
import { plansJson, renderPlansMarkdown } from '../../governance/render-many.js';
import { fenced } from '../../governance/render-markdown.js';
import { denied } from '../../governance/render.js';
import type { Spec } from '../../governance/spec.js';
import { validateSpec, type SpecValidation } from '../../governance/validate.js';
import { consent } from '../confirm.js';
import type { CliContext } from '../context.js';
import type { PolicySource } from '../spec-files.js';
import {
  eachInstance,
  instancesText,
  reportInstances,
  worstExit,
  type InstanceRender,
  type InstanceResult,
} from '../instances.js';
import { appliedText, applyApproved, type ApplyFlags } from '../apply.js';

/**
 * The spec one profile's instance gets: its environment's view; a spec without `environments` as written. A spec
 * with environments and none for the profile is an error for that instance (a profile forgotten in the spec would
 * otherwise get what every environment overrides).
 */
export function specForProfile(spec: Spec, profile: string): Spec {
  const environment = environmentOf(spec, profile);
  if (!environment && spec.environments)
    throw new DomoInputError(
      `the spec has no environment for profile "${profile}" (it has: ${Object.keys(spec.environments).join(', ')})`,
      { field: 'profiles' },
    );
  return specFor(spec, environment?.name);
}

/** `plan`'s exit code, like `terraform plan -detailed-exitcode`: 2 changes, 0 none; 1 when a deny rule is broken. */
export function planExit(plan: Plan): number {
  return denied(plan) ? 1 : plan.changes.length > 0 ? 2 : 0;
}

/** Plans for each profile, at once. */
function planEach(c: CliContext, spec: Spec, profiles: readonly string[], policies: PolicySource) {
  return eachInstance(c, profiles, async (auth, profile) => {
    const plan = await planSpec(auth, specForProfile(spec, profile), { policies: policies(profile) });
    return { result: plan, exitCode: planExit(plan) };
  });
}

/** `plan <spec> --profiles …`: each instance's plan; text, a combined Markdown comment, or one JSON document. */
export async function planMany(
  c: CliContext,
  spec: Spec,
  profiles: readonly string[],
  options: { format?: 'text' | 'markdown' | 'json'; policies: PolicySource },
): Promise<void> {
  const results = await planEach(c, spec, profiles, options.policies);
  const exitCode = worstExit(results.map((r) => r.exitCode));
  const flat = results.map(({ result, ...rest }) => ({ ...rest, ...(result ? { plan: result } : {}) }));
  if (options.format === 'markdown') c.io.out(renderPlansMarkdown(flat));
  else if (options.format === 'json' || c.json) c.io.out(`${JSON.stringify(plansJson(flat, exitCode), null, 2)}\n`);
  else c.result(null, () => instancesText(results, renderPlan));
  c.exitCode = exitCode;
}

/**
 * `apply <spec> --profiles …`: plans every instance, shows every plan, asks once, then applies one instance after
 * another. An instance that cannot be planned, is denied by a policy, or fails while applying is reported; the
 * others are applied.
 */
export async function applyMany(
  c: CliContext,
  spec: Spec,
  profiles: readonly string[],
  options: ApplyFlags & { policies: PolicySource },
): Promise<void> {
  const planned = await planEach(c, spec, profiles, options.policies);
  if (!c.json) c.note(instancesText(planned, renderPlan).trimEnd());
  const ready = planned.filter((r) => r.result && !denied(r.result) && r.result.changes.length > 0);
  if (ready.length > 0)
    await consent(
      c,
      `nothing was applied to any of ${profiles.length} instance(s): review the plans above, then run again with --yes`,
    );
  const results: InstanceResult<Applied>[] = [];
  // Ctrl-C in one instance also says where the others stand.
  const elsewhere = () => {
    const done = results.map(
      (r) => `${r.profile} ${r.error ? 'failed' : `applied (${r.result?.applied.length ?? 0})`}`,
    );
    const left = planned.slice(results.length + 1).map((r) => r.profile);
    return `. Other instances: ${[...done, ...(left.length ? [`not started: ${left.join(', ')}`] : [])].join('; ') || 'none'}`;
  };
  for (const entry of planned) results.push(await applyOne(c, entry, spec, { ...options, elsewhere }));
  c.result({ exitCode: worstExit(results.map((r) => r.exitCode)), instances: results }, () =>
    instancesText(
      results,
      (r) =>
        `✓ applied ${r.applied.length} change(s)${r.remaining ? `; ${r.remaining} remain` : ''}${r.undo ? `\n  undo: ${r.undo}` : ''}\n`,
    ),
  );
  c.exitCode = worstExit(results.map((r) => r.exitCode));
}

/** What was applied to one instance, and the command that undoes it. */
interface Applied {
  applied: string[];
  remaining: number;
  snapshot?: string;
  undo?: string;
}

/** Applies one instance's plan (when it has one to apply), catching its failure as its result. */
async function applyOne(
  c: CliContext,
  entry: InstanceResult<Plan>,
  spec: Spec,
  options: ApplyFlags & { policies: PolicySource; elsewhere: () => string },
): Promise<InstanceResult<Applied>> {
  const { profile, instance } = entry;
  if (!entry.result) return { profile, instance, exitCode: 1, ...(entry.error ? { error: entry.error } : {}) };
  const plan = entry.result;
  if (denied(plan))
    return {
      profile,
      instance,
      exitCode: 1,
      error: { name: 'DomoPolicyError', message: 'denied by policy: nothing was applied' },
    };
  if (plan.changes.length === 0) return { profile, instance, exitCode: 0, result: { applied: [], remaining: 0 } };
  const [done] = await eachInstance(c, [profile], async (auth: DomoAuth) => {
    c.note(`applying to ${profile} (${auth.instance}):`);
    const replan = () => planSpec(auth, specForProfile(spec, profile), { policies: options.policies(profile) });
    const { report, after } = await applyApproved(c, auth, plan, replan, options, options.elsewhere);
    c.note(appliedText(report, after, 'the spec').trimEnd());
    const result = {
      applied: report.applied,
      remaining: after.changes.length,
      ...(report.snapshot
        ? { snapshot: report.snapshot, undo: `domo-admin --profile ${profile} restore ${report.snapshot}` }
        : {}),
    };
    return { result, exitCode: after.changes.length > 0 ? 2 : 0 };
  });
  return done as InstanceResult<Applied>;
}

/** `diff --from <spec> --profiles …`: each instance against the spec as its environment sees it. */
export async function diffMany(
  c: CliContext,
  spec: Spec,
  label: string,
  profiles: readonly string[],
  options: { only?: SpecSection[] | undefined; format?: string | undefined },
): Promise<void> {
  const { only } = options;
  const results = await eachInstance(c, profiles, async (auth, profile) => {
    const diff: SpecDiff = diffSpecs(specForProfile(spec, profile), await exportSpec(auth, only ? { only } : {}), {
      fromLabel: label,
      toLabel: profile,
      scope: 'from',
    });
    return { result: diff, exitCode: diff.differences.length > 0 ? 2 : 0 };
  });
  reportInstances(c, results, options.format, DIFF_RENDER);
}

/** A diff as text, and in a Markdown report. */
export const DIFF_RENDER: InstanceRender<SpecDiff> = {
  title: 'domo-admin diff',
  text: renderDiff,
  markdown: (diff) => fenced(renderDiff(diff).trimEnd(), 'text'),
  outcome: (diff) => (diff.differences.length ? `${diff.differences.length} difference(s)` : '✅ no differences'),
};

/** `validate <spec> --profiles …`: offline, the spec as each environment sees it. */
export function validateMany(
  c: CliContext,
  file: string,
  spec: Spec,
  profiles: readonly string[],
  policies: PolicySource,
): void {
  const results = profiles.map((profile) => {
    const validation: SpecValidation = validateSpec(specForProfile(spec, profile), { policies: policies(profile) });
    return { file, profile, environment: environmentOf(spec, profile)?.name ?? null, ...validation };
  });
  // the shape of `validate --json`, each file entry also naming its profile and environment
  reportValidation(c, results);
}

/** `validate`'s result: `{ valid, files }` (`--json`), or a line per file (and profile) with its errors and warnings. */
export function reportValidation(
  c: CliContext,
  results: (SpecValidation & { file: string; profile?: string })[],
): void {
  const valid = results.every((r) => r.errors.length === 0);
  c.result({ valid, files: results }, () =>
    results
      .map(({ file, profile, errors, warnings }) =>
        [
          `${errors.length ? '✗' : '✓'} ${file}${profile === undefined ? '' : ` · ${profile}`}`,
          ...errors.map((m) => `  − ${m}`),
          ...warnings.map((m) => `  ! ${m}`),
        ].join('\n'),
      )
      .join('\n')
      .concat('\n'),
  );
  c.exitCode = valid ? 0 : 1;
}
