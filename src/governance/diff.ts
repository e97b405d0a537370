import type { Spec, SpecAccount, SpecGroup, SpecRole } from './spec.js';

/** One field that differs between two sides; sets (grants, members, owners) say what is added and removed. */
export interface FieldDifference {
  field: string;
  from: string;
  to: string;
  /** For sets: in `to` but not in `from`. */
  added?: string[];
  /** For sets: in `from` but not in `to`. */
  removed?: string[];
}

/** A role, group, account or the default role that is on one side only, or on both and differs. */
export interface SpecDifference {
  section: 'roles' | 'default_role' | 'groups' | 'accounts';
  name: string;
  kind: 'only-from' | 'only-to' | 'changed';
  fields: FieldDifference[];
}

/** Two specs compared by names (of roles, groups, accounts, and of users by email). */
export interface SpecDiff {
  from: string;
  to: string;
  differences: SpecDifference[];
}

/** Options of {@link diffSpecs}. */
export interface DiffOptions {
  /** What the sides are called in the report. @default 'from', 'to' */
  fromLabel?: string;
  toLabel?: string;
  /**
   * `both` compares everything either side has. `from` (or `to`) compares only the sections, names and fields that
   * side lists: a hand-written spec against an exported instance, without listing everything the spec leaves alone.
   * @default 'both'
   */
  scope?: 'both' | 'from' | 'to';
}

type Fields = Record<string, string | string[] | undefined>;

/**
 * Compares two specs — typically two instances exported with `exportSpec` (dev against prod), or a spec file against
 * an instance — by names. How a spec applies (`membership`, `sharing`) is not compared, only what it says.
 */
export function diffSpecs(from: Spec, to: Spec, options: DiffOptions = {}): SpecDiff {
  const scope = options.scope ?? 'both';
  const differences: SpecDifference[] = [];
  const section = <T>(
    name: 'roles' | 'groups' | 'accounts',
    a: Record<string, T> | undefined,
    b: Record<string, T> | undefined,
    fields: (entry: T) => Fields,
  ) => {
    if ((scope === 'from' && !a) || (scope === 'to' && !b)) return;
    differences.push(...compareSection(name, a ?? {}, b ?? {}, fields, scope));
  };
  section('roles', from.roles, to.roles, roleFields);
  const scopedDefault = scope === 'both' || (scope === 'from' ? from : to).default_role !== undefined;
  if (scopedDefault && (from.default_role ?? '').toLowerCase() !== (to.default_role ?? '').toLowerCase())
    differences.push({
      section: 'default_role',
      name: 'default role',
      kind: 'changed',
      fields: [{ field: 'default_role', from: from.default_role ?? '(none)', to: to.default_role ?? '(none)' }],
    });
  section('groups', from.groups, to.groups, groupFields);
  section('accounts', from.accounts, to.accounts, accountFields);
  return { from: options.fromLabel ?? 'from', to: options.toLabel ?? 'to', differences };
}

function compareSection<T>(
  section: SpecDifference['section'],
  from: Record<string, T>,
  to: Record<string, T>,
  fields: (entry: T) => Fields,
  scope: NonNullable<DiffOptions['scope']>,
): SpecDifference[] {
  const byName = (entries: Record<string, T>) =>
    new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), { name: k, entry: v }]));
  const a = byName(from);
  const b = byName(to);
  const names =
    scope === 'from' ? [...a.keys()] : scope === 'to' ? [...b.keys()] : [...new Set([...a.keys(), ...b.keys()])];
  const differences: SpecDifference[] = [];
  for (const key of names.sort()) {
    const left = a.get(key);
    const right = b.get(key);
    if (!right) differences.push({ section, name: left!.name, kind: 'only-from', fields: [] });
    else if (!left) differences.push({ section, name: right.name, kind: 'only-to', fields: [] });
    else {
      const scoped = scope === 'to' ? right.entry : left.entry;
      const authoritative = scope === 'both' || isAuthoritative(scoped);
      const changed = compareFields(fields(left.entry), fields(right.entry), scope, authoritative);
      if (changed.length > 0) differences.push({ section, name: left.name, kind: 'changed', fields: changed });
    }
  }
  return differences;
}

/** An entry whose sets say exactly what there is (not just what there is at least). */
function isAuthoritative(entry: unknown): boolean {
  const { membership, sharing } = entry as { membership?: string; sharing?: string };
  return (membership ?? sharing) === 'authoritative';
}

/**
 * The fields that differ. Scoped to one side, only the fields it lists count; when that side is additive, what
 * the other side has beyond it does not count either (shares it does not list, members besides its own).
 */
function compareFields(
  from: Fields,
  to: Fields,
  scope: NonNullable<DiffOptions['scope']>,
  authoritative: boolean,
): FieldDifference[] {
  const listed = (fields: Fields) => Object.keys(fields).filter((k) => fields[k] !== undefined);
  const share = (k: string) => k.startsWith('share ');
  const keys = [
    ...new Set(
      scope === 'both'
        ? [...Object.keys(from), ...Object.keys(to)]
        : [
            ...listed(scope === 'from' ? from : to),
            ...(authoritative ? listed(scope === 'from' ? to : from).filter(share) : []),
          ],
    ),
  ];
  const differences: FieldDifference[] = [];
  for (const field of keys) {
    const a = from[field];
    const b = to[field];
    if (Array.isArray(a) || Array.isArray(b)) {
      const left = new Set((a as string[] | undefined) ?? []);
      const right = new Set((b as string[] | undefined) ?? []);
      const added = authoritative || scope !== 'from' ? [...right].filter((x) => !left.has(x)).sort() : [];
      const removed = authoritative || scope !== 'to' ? [...left].filter((x) => !right.has(x)).sort() : [];
      if (added.length > 0 || removed.length > 0)
        differences.push({ field, from: `${left.size}`, to: `${right.size}`, added, removed });
    } else if ((a ?? '') !== (b ?? '')) differences.push({ field, from: a ?? '(none)', to: b ?? '(none)' });
  }
  return differences;
}

const users = (refs: (string | number)[] | undefined) => refs?.map((r) => String(r).toLowerCase());

function roleFields(role: SpecRole): Fields {
  const grants = role.grants;
  return {
    description: role.description,
    grants: Array.isArray(grants) ? grants : undefined,
    'grants added': Array.isArray(grants) ? undefined : grants?.add,
    'grants removed': Array.isArray(grants) ? undefined : grants?.remove,
    members: users(role.members),
  };
}

function groupFields(group: SpecGroup): Fields {
  return {
    type: group.type,
    description: group.description,
    owners: users(group.owners),
    members: users(group.members),
  };
}

function accountFields(account: SpecAccount): Fields {
  const fields: Fields = { owner: account.owner === undefined ? undefined : String(account.owner).toLowerCase() };
  for (const [key, level] of Object.entries(account.share ?? {})) fields[`share ${key.toLowerCase()}`] = level;
  return fields;
}

/** A diff as text: `−` only in from, `+` only in to, `~` in both and different (field by field), then a count. */
export function renderDiff(diff: SpecDiff): string {
  if (diff.differences.length === 0) return `No differences between ${diff.from} and ${diff.to}.\n`;
  const lines = [`Comparing ${diff.from} → ${diff.to}:`];
  let section = '';
  for (const d of diff.differences) {
    const heading = d.section === 'default_role' ? 'roles' : d.section;
    if (heading !== section) lines.push(`${heading}:`);
    section = heading;
    if (d.kind === 'only-from') lines.push(`  − "${d.name}" only in ${diff.from}`);
    else if (d.kind === 'only-to') lines.push(`  + "${d.name}" only in ${diff.to}`);
    else if (d.section === 'default_role')
      lines.push(`  ~ default role: ${JSON.stringify(d.fields[0]?.from)} → ${JSON.stringify(d.fields[0]?.to)}`);
    else lines.push(`  ~ "${d.name}"`, ...d.fields.flatMap(fieldLines).map((line) => `      ${line}`));
  }
  return `${lines.join('\n')}\n\n${diff.differences.length} difference(s).\n`;
}

/** The most items of one list shown; the rest are counted. */
export const DIFF_LIST_LIMIT = 10;

/** One field: a value `"a" → "b"`, or a set with each item added or removed on its own line, long lists counted. */
function fieldLines(field: FieldDifference): string[] {
  if (!field.added && !field.removed)
    return [`${field.field}: ${JSON.stringify(field.from)} → ${JSON.stringify(field.to)}`];
  const added = field.added ?? [];
  const removed = field.removed ?? [];
  const counts = [added.length ? `${added.length} added` : '', removed.length ? `${removed.length} removed` : '']
    .filter(Boolean)
    .join(', ');
  return [`${field.field}: ${counts}`, ...items('+', added), ...items('−', removed)].map((line, i) =>
    i === 0 ? line : `  ${line}`,
  );
}

function items(mark: string, list: readonly string[]): string[] {
  const shown = list.slice(0, DIFF_LIST_LIMIT).map((item) => `${mark} ${item}`);
  const rest = list.length - shown.length;
  return rest > 0 ? [...shown, `… and ${rest} more ${mark === '+' ? 'added' : 'removed'}`] : shown;
}
