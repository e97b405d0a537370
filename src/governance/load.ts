import { LineCounter, parseDocument, isAlias, isMap, isNode, isScalar, visit, type Document } from 'yaml';
import { DomoInputError } from '../client/errors.js';
import { formatPath } from '../client/response.js';
import type { z } from 'zod';
import type { LocatedRule } from './policy.js';
import { policiesFor } from './environments.js';
import { MAX_NAME_LENGTH, SpecSchema, type Spec } from './spec.js';

/** One thing wrong with a spec file, located. */
export interface SpecProblem {
  file: string;
  /** 1-based; 0 when the problem has no place in the file (e.g. an empty file). */
  line: number;
  column: number;
  /** The field path, e.g. `roles.Data Stewards.grants[1]`. */
  path: string;
  message: string;
}

/** A spec file that cannot be used; `problems` lists every one found, each with file, line and field path. */
export class DomoSpecError extends DomoInputError {
  override name = 'DomoSpecError';
  readonly problems: SpecProblem[];

  constructor(problems: SpecProblem[], what = 'the spec', route = 'loadSpec') {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${what}:\n${problems.map(describeProblem).join('\n')}`,
      { field: problems[0]?.path || 'spec', route },
    );
    this.problems = problems;
  }
}

function describeProblem(problem: SpecProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  return `  ${where}${problem.path ? ` ${problem.path}` : ''}: ${problem.message}`;
}

/**
 * Parses and checks a spec (YAML, so JSON too). Every problem — YAML syntax, unknown keys, bad values — is reported
 * at once with its file, line, column and field path.
 * @throws {DomoSpecError}
 * @example
 * ```ts
 * const spec = loadSpec(readFileSync('governance.yaml', 'utf8'), { file: 'governance.yaml' });
 * ```
 */
export function loadSpec(text: string, options: { file?: string } = {}): Spec {
  return loadDocument(SpecSchema, text, { file: options.file ?? 'spec', what: 'the spec', route: 'loadSpec' });
}

/** The largest spec, saved plan or snapshot read: 16 MiB (a 30 000-role spec is about 3 MB). */
export const MAX_SPEC_BYTES = 16 * 1024 * 1024;
/** The most YAML aliases (`*name`) one file may use: more is how an alias bomb expands a small file into gigabytes. */
export const MAX_SPEC_ALIASES = 100;

/**
 * Parses YAML or JSON and checks it with `schema`, reporting every problem at once, located (a spec, or a saved plan
 * or snapshot, whose `spec` is a spec). Limits: {@link MAX_SPEC_BYTES} of text and {@link MAX_SPEC_ALIASES}
 * aliases; keys are plain names (a YAML complex key such as `? [a, b]` is refused) and no key appears twice in one
 * map (checked in linear time).
 * @throws {DomoSpecError}
 */
export function loadDocument<T extends z.ZodType>(
  schema: T,
  text: string,
  where: { file: string; what: string; route: string; /** The `format` the file must declare. */ format?: string },
): z.infer<T> {
  const { file } = where;
  const fail = (problems: SpecProblem[]) => new DomoSpecError(problems, where.what, where.route);
  if (text.length > MAX_SPEC_BYTES)
    throw fail([{ file, line: 0, column: 0, path: '', message: `larger than ${MAX_SPEC_BYTES} bytes: split it` }]);
  const lines = new LineCounter();
  // Duplicate keys are found below in one pass: the parser's own check compares every pair (quadratic).
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const syntax = [...doc.errors, ...doc.warnings].map((error) => {
    const at = lines.linePos(error.pos[0]);
    return { file, line: at.line, column: at.col, path: '', message: error.message.split('\n')[0] ?? error.message };
  });
  if (syntax.length > 0) throw fail(syntax);
  const keyProblems = checkKeys(doc, lines, file);
  if (keyProblems.length > 0) throw fail(keyProblems);
  const value = toValue(doc, lines, file, fail);
  const format = where.format;
  if (format !== undefined && (value as { format?: unknown }).format !== format) {
    const message = `not a ${format} file (it must say format: ${format})`;
    throw fail([locate(doc, lines, file, ['format'], message)]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const spec = (schema as z.ZodType) === SpecSchema;
  throw fail(
    result.error.issues.map((issue) => {
      // An unknown key is reported at the key itself, with the keys that are valid there.
      if (issue.code === 'invalid_key')
        return locate(doc, lines, file, issue.path, keyMessage(issue.path, issue.message), true);
      if (issue.code === 'custom' && issue.params?.atKey === true)
        return locate(doc, lines, file, issue.path, issue.message, true);
      if (issue.code !== 'unrecognized_keys') return locate(doc, lines, file, issue.path, issue.message);
      const many = issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : '';
      return locate(
        doc,
        lines,
        file,
        [...issue.path, issue.keys[0] as string],
        `unknown key${many}${spec ? validKeysAt(issue.path) : ''}`,
        true,
      );
    }),
  );
}

function locate(
  doc: Document,
  lines: LineCounter,
  file: string,
  path: readonly PropertyKey[],
  message: string,
  atKey = false,
): SpecProblem {
  // A key's own place, for a problem with the key itself (unknown, or not a valid name).
  const parent = doc.getIn(path.slice(0, -1) as (string | number)[], true);
  if (atKey && path.length > 0 && isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
    if (pair && isNode(pair.key) && pair.key.range) {
      const at = lines.linePos(pair.key.range[0]);
      return { file, line: at.line, column: at.col, path: formatPath(path), message };
    }
  }
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const at = lines.linePos(node.range[0]);
      return { file, line: at.line, column: at.col, path: formatPath(path), message };
    }
  }
  return { file, line: 0, column: 0, path: formatPath(path), message };
}

/** The keys the schema allows where an unknown one was found, as `; valid: a, b`. */
function validKeysAt(path: readonly PropertyKey[]): string {
  const keys = path.length === 0 ? Object.keys(SpecSchema.shape) : KEYS_BY_DEPTH.get(path[0] as PropertyKey);
  return keys && (path.length === 0 || path.length === 2) ? `; valid: ${keys.join(', ')}` : '';
}

const KEYS_BY_DEPTH: ReadonlyMap<PropertyKey, string[]> = new Map([
  ['roles', ['description', 'grants', 'members', 'membership']],
  ['groups', ['type', 'description', 'owners', 'members', 'membership']],
  ['accounts', ['share', 'owner', 'sharing']],
]);

/** zod's message for a bad key, unless it says only "Invalid key in record"; then what a key there must be. */
function keyMessage(path: readonly PropertyKey[], message: string): string {
  if (path[0] === 'accounts' && path[2] === 'share')
    return 'a share key must be "group:<exact group name>", an email or a user id';
  return /invalid key/i.test(message) ? `a name must be 1 to ${MAX_NAME_LENGTH} characters` : `a name ${message}`;
}

/** Every map's keys: plain scalars (never a list, a map or an alias), none twice in one map. Linear in the keys. */
function checkKeys(doc: Document, lines: LineCounter, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const at = (node: unknown, message: string) => {
    const range = isNode(node) ? node.range : undefined;
    const pos = range ? lines.linePos(range[0]) : { line: 0, col: 0 };
    problems.push({ file, line: pos.line, column: pos.col, path: '', message });
  };
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) {
          at(pair.key, 'a key must be a plain name, not a list, a map or an alias (YAML complex keys are refused)');
          continue;
        }
        const key = String(pair.key.value);
        if (seen.has(key)) at(pair.key, `the key ${JSON.stringify(key)} appears twice in this map`);
        seen.add(key);
      }
    },
  });
  return problems;
}

/** The document as plain values; an alias bomb (too many aliases) is a located problem, not a raw `ReferenceError`. */
function toValue(
  doc: Document,
  lines: LineCounter,
  file: string,
  fail: (problems: SpecProblem[]) => DomoSpecError,
): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_SPEC_ALIASES }) ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let first: unknown;
    visit(doc, {
      Alias(_, node) {
        first = node;
        return visit.BREAK;
      },
    });
    const range = isAlias(first) ? first.range : undefined;
    const pos = range ? lines.linePos(range[0]) : { line: 0, col: 0 };
    throw fail([
      {
        file,
        line: pos.line,
        column: pos.col,
        path: '',
        message: `too many YAML aliases (at most ${MAX_SPEC_ALIASES} expansions; aliases that expand aliases are how an alias bomb grows): write the values out`,
      },
    ]);
  }
}

/**
 * The policy rules of a file (`--policy file.yaml`): a spec, or a file of only `policies:`; each rule located by
 * file (`security.yaml policies[2]`). With `environment`, that environment's own rules too (see `policiesFor`).
 * @throws {DomoSpecError} every problem at once, located
 */
export function loadPolicies(text: string, options: { file?: string; environment?: string } = {}): LocatedRule[] {
  const file = options.file ?? 'policies';
  const spec = loadPolicyFile(text, file);
  const known = options.environment !== undefined && spec.environments !== undefined;
  return policiesFor(spec, known ? options.environment : undefined, `${file} `);
}

/** A policy file (a spec, or a file of only `policies:`, maybe with `environments:`), parsed and checked. */
export function loadPolicyFile(text: string, file: string): Spec {
  return loadDocument(SpecSchema, text, { file, what: 'the policies', route: 'loadPolicies' });
}
