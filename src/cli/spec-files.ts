import { Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { DomoInputError } from '../client/errors.js';
import { environmentOf, policiesFor } from '../governance/environments.js';
import { loadPolicyFile } from '../governance/load.js';
import type { LocatedRule } from '../governance/policy.js';
import type { Spec } from '../governance/spec.js';

/** A spec, plan or policy file's text; a file that cannot be read is a {@link DomoInputError} naming it. */
export async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DomoInputError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, {
      field: 'spec',
    });
  });
}

/** `--policy <file>`, repeatable: files of policy rules (a spec, or a file of only `policies:`). */
export function policyOption(): Option {
  return new Option(
    '--policy <file>',
    'also judge the policy rules of this file (a spec or a file of only policies:); repeatable',
  ).argParser((value: string, previous: string[] = []) => [...previous, value]);
}

/** The rules to judge an instance by, given its profile (`undefined`: the instance in use without a profile). */
export type PolicySource = (profile?: string) => LocatedRule[];

/**
 * Every `--policy` file, read and checked once: for a profile, each file's rules and those of the file's environment
 * for that profile (a policy file may have `environments:` like a spec), located by file.
 */
export async function readPolicies(files: readonly string[] | undefined): Promise<PolicySource> {
  const specs: { file: string; spec: Spec }[] = [];
  for (const file of files ?? []) specs.push({ file, spec: loadPolicyFile(await readText(file), file) });
  return (profile) =>
    specs.flatMap(({ file, spec }) =>
      policiesFor(spec, profile === undefined ? undefined : environmentOf(spec, profile)?.name, `${file} `),
    );
}
