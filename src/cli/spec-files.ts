import { Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { DomoInputError } from '../client/errors.js';
import { loadPolicies } from '../governance/load.js';
import type { LocatedRule } from '../governance/policy.js';

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

/** The rules of every `--policy` file, located by file. */
export async function readPolicies(files: readonly string[] | undefined): Promise<LocatedRule[]> {
  const rules: LocatedRule[] = [];
  for (const file of files ?? []) rules.push(...loadPolicies(await readText(file), { file }));
  return rules;
}
