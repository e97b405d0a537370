import { daysUntil } from '../internal/days.js';
import { reachOf } from './access.js';
import { isAdminLevelGrant, type AuditSubject, type Finding } from './findings.js';
import { credentialsOf, CREDENTIAL_LABEL, type AuditCredential, type AuditGrant, type AuditModel } from './model.js';
import { csvButton, escape, humanTime, SCRIPT, STYLE } from './report-assets.js';
import { groupsSection, rolesSection, usersSection } from './report-people.js';

/** Options of {@link auditReportHtml}. */
export interface ReportOptions {
  title?: string;
  /** Which grants are marked admin-level. @default the findings' rule (`isAdminLevelGrant`) */
  adminGrant?: (grant: AuditGrant) => boolean;
  /** The time dates are told from ("200 days ago"). @default now */
  now?: number;
}

/**
 * The audit as one self-contained HTML page (no network at view time: a Content-Security-Policy allows nothing
 * but the page's own inline style and script), built for drill-down: one search box across the whole report;
 * findings that open to the users and objects they count; a roles × grants heatmap grouped as the catalogue groups
 * them, admin-level grants marked, each row opening the role's members; the role membership chart; users (role,
 * groups, last activity, status, tokens) and groups (owners, members); the accounts × principals table with
 * filtering; content owners and access tokens. Every table sorts, keeps its header in view and downloads as CSV;
 * dates read as dates; it prints with every detail open. Every name from the instance is escaped; the model holds
 * no secrets, so neither does the page.
 */
export function auditReportHtml(model: AuditModel, findings: readonly Finding[], options: ReportOptions = {}): string {
  const title = options.title ?? `Access audit — ${model.instance}`;
  const now = options.now ?? Date.now();
  const admin = new Set(model.grants.filter(options.adminGrant ?? isAdminLevelGrant).map((g) => g.id));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escape(title)}</h1>
<p class="meta">Read ${escape(humanTime(Date.parse(model.takenAt)))} · ${model.counts.users} users · ${model.counts.roles} roles · ${model.counts.groups} groups · ${model.counts.accounts} accounts · ${model.counts.templates} OAuth templates${model.tokens ? ` · ${model.tokens.length} access tokens` : ''} · ${model.requests.total} requests${model.failures.length ? ` · <strong>${model.failures.length} read(s) failed</strong>` : ''}</p>
</header>
<div id="toolbar"><input id="search" type="search" placeholder="Search the whole report: a user, role, group, account, grant…" aria-label="search the report"> <span id="search-count" aria-live="polite"></span>
<nav><a href="#findings">findings</a><a href="#heatmap">grants</a><a href="#roles">roles</a><a href="#users">users</a><a href="#groups">groups</a><a href="#credentials">accounts</a>${model.content ? '<a href="#content">content</a>' : ''}${model.tokens ? '<a href="#tokens">tokens</a>' : ''}</nav></div>
${incompleteBanner(model)}
<main>
${findingsSection(findings)}
${heatmapSection(model, admin)}
${membershipSection(model)}
${rolesSection(model, admin)}
${usersSection(model, now)}
${groupsSection(model)}
${credentialsSection(model)}
${contentSection(model)}
${tokensSection(model, findings, now)}
${failuresSection(model)}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function incompleteBanner(model: AuditModel): string {
  if (model.complete !== false) return '';
  const rows = model.gaps.map(
    (g) => `<li><strong>${escape(g.section)}</strong>: ${escape(g.reason)} (${g.visible} visible)</li>`,
  );
  return `<div id="incomplete" class="banner" role="alert"><strong>Incomplete audit:</strong> it saw only part of the instance, so every finding and table below covers only what was visible.<ul>${rows.join('')}</ul></div>`;
}

/** A finding's subject as a link where the report has a row or a detail for it. */
function subjectLink(subject: AuditSubject): string {
  const anchor = { user: 'user', role: 'role', group: 'group' }[subject.type as string];
  const text = `${subject.type} ${subject.name}`;
  return anchor ? `<a href="#${anchor}-${String(subject.id)}">${escape(text)}</a>` : escape(text);
}

/** Each finding opens to the users and objects it counts. */
function findingsSection(findings: readonly Finding[]): string {
  const items = findings.map((f) => {
    const head = `<span class="badge">${f.severity}</span> ${escape(f.message)}`;
    const subjects = f.subjects.map((s) => `<li>${subjectLink(s)}</li>`);
    return `<li class="finding ${f.severity}" data-kind="${f.kind}">${subjects.length ? `<details><summary>${head} <em>(${subjects.length})</em></summary><ul class="subjects">${subjects.join('')}</ul></details>` : head}</li>`;
  });
  return `<section id="findings"><h2>Findings (${findings.length})</h2>${items.length ? `<ul>${items.join('')}</ul>` : '<p>No findings.</p>'}</section>`;
}

/** Roles × grants, grants grouped as the catalogue groups them, admin-level ones marked; a row opens its role. */
function heatmapSection(model: AuditModel, admin: ReadonlySet<string>): string {
  const grants = [...model.grants].sort((a, b) => a.group.localeCompare(b.group) || a.id.localeCompare(b.id));
  const groups: { name: string; span: number }[] = [];
  for (const g of grants)
    if (groups.at(-1)?.name === g.group) (groups.at(-1) as { span: number }).span += 1;
    else groups.push({ name: g.group, span: 1 });
  const groupRow = groups.map((g) => `<th colspan="${g.span}">${escape(g.name || 'other')}</th>`).join('');
  const head = grants
    .map(
      (g) =>
        `<th class="grant${admin.has(g.id) ? ' admin' : ''}" title="${escape(`${g.title}: ${g.description}${admin.has(g.id) ? ' (admin-level)' : ''}`)}"><span>${escape(g.id)}</span></th>`,
    )
    .join('');
  const rows = model.roles.map((role) => {
    const held = new Set(role.grants);
    const cells = grants
      .map((g) =>
        held.has(g.id)
          ? `<td class="cell on${admin.has(g.id) ? ' admin' : ''}" title="${escape(`${role.name} · ${g.id}`)}"></td>`
          : '<td class="cell"></td>',
      )
      .join('');
    return `<tr data-role="${role.id}"><th class="role"><a href="#role-${role.id}">${escape(role.name)}</a>${role.isDefault ? ' <em>(default)</em>' : ''}</th><td class="num">${role.grants.length}</td>${cells}</tr>`;
  });
  return `<section id="heatmap"><h2>Roles × grants</h2><p class="legend">Grouped as the catalogue groups them; <span class="admin">admin-level</span> grants outlined. Click a row for the role's members.</p><div class="scroll"><table class="heatmap"><thead><tr class="groups"><th></th><th></th>${groupRow}</tr><tr><th>role</th><th>grants</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function membershipSection(model: AuditModel): string {
  const roles = [...model.roles].sort((a, b) => b.members.length - a.members.length);
  const max = Math.max(1, ...roles.map((r) => r.members.length));
  const bar = 22;
  const width = 640;
  const label = 180;
  const bars = roles.map((role, i) => {
    const w = Math.round(((width - label - 60) * role.members.length) / max);
    const y = i * bar;
    return `<a href="#role-${role.id}"><g class="bar"><text x="${label - 8}" y="${y + 15}" text-anchor="end">${escape(role.name)}</text><rect x="${label}" y="${y + 3}" width="${w}" height="${bar - 6}"></rect><text x="${label + w + 6}" y="${y + 15}">${role.members.length}</text></g></a>`;
  });
  return `<section id="membership"><h2>Role membership</h2><svg role="img" aria-label="members per role" width="${width}" height="${roles.length * bar + 4}" viewBox="0 0 ${width} ${roles.length * bar + 4}">${bars.join('')}</svg></section>`;
}

function credentialsSection(model: AuditModel): string {
  const groups = new Map(model.groups.map((g) => [g.id, g]));
  const users = new Map(model.users.map((u) => [u.id, u.email]));
  const rows = credentialsOf(model).flatMap(({ kind, credential }) =>
    credentialRows(model, CREDENTIAL_LABEL[kind], credential, groups, users),
  );
  return `<section id="credentials"><h2>Accounts × principals ${csvButton('access')}</h2>
<p><input id="filter" type="search" placeholder="Filter: account, provider, user, group, level" aria-label="filter the table"> <span id="shown">${rows.length}</span> of ${rows.length} rows</p>
<div class="scroll"><table id="access" class="sortable"><thead><tr><th data-sort="text">kind</th><th data-sort="text">credential</th><th data-sort="text">provider</th><th data-sort="text">principal</th><th data-sort="text">level</th><th data-sort="number">users reached</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function credentialRows(
  model: AuditModel,
  kind: string,
  credential: AuditCredential,
  groups: Map<number, { members: number[]; name: string }>,
  users: Map<number, string>,
): string[] {
  const reached = reachOf(model, credential).size;
  return credential.shares.map((share) => {
    const who =
      share.type === 'GROUP'
        ? `group ${groups.get(share.id)?.name ?? share.name}`
        : (users.get(share.id) ?? share.name);
    const count = share.type === 'GROUP' ? (groups.get(share.id)?.members.length ?? 0) : 1;
    return `<tr><td>${escape(kind)}</td><td>${escape(credential.name)}</td><td>${escape(credential.provider)}</td><td>${escape(who)}</td><td class="level">${escape(share.level)}</td><td class="num" title="${reached} user(s) reach this credential in all">${count}</td></tr>`;
  });
}

/** Who owns the content, per type: objects, owners (the top five), and what is orphaned (listed, first 100 per owner). */
function contentSection(model: AuditModel): string {
  if (!model.content) return '';
  const rows = model.content.map((c) => {
    const top = c.owners
      .slice(0, 5)
      .map((o) => `${o.name} (${o.count})`)
      .join(', ');
    const more = c.owners.length > 5 ? `, … ${c.owners.length - 5} more` : '';
    return `<tr><td>${escape(c.label)}</td><td class="num">${c.incomplete ? 'not read' : c.total}</td><td class="num">${c.owners.length}</td><td>${escape(top + more)}</td><td class="num">${c.orphanCount}</td></tr>`;
  });
  const users = new Map(model.users.map((u) => [u.id, u]));
  const orphans = model.content.flatMap((c) =>
    c.orphaned.map(
      (o) =>
        `<tr><td>${escape(c.label)}</td><td>${escape(String(o.id))}</td><td>${escape(o.name)}</td><td>${escape(o.owners.map((id) => `${users.get(id)?.email ?? id} (${users.get(id)?.deleted ? 'deleted' : 'inactive'})`).join(', '))}</td></tr>`,
    ),
  );
  const orphanTable = orphans.length
    ? `<h3>Orphaned: owned only by deleted or inactive users ${csvButton('orphaned')}</h3><div class="scroll"><table id="orphaned" class="sortable"><thead><tr><th data-sort="text">type</th><th data-sort="text">id</th><th data-sort="text">name</th><th data-sort="text">owners</th></tr></thead><tbody>${orphans.join('')}</tbody></table></div>`
    : '<p>No orphaned content.</p>';
  return `<section id="content"><h2>Content owners ${csvButton('owners')}</h2><div class="scroll"><table id="owners" class="sortable"><thead><tr><th data-sort="text">type</th><th data-sort="number">objects</th><th data-sort="number">owners</th><th data-sort="text">top owners</th><th data-sort="number">orphaned</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${orphanTable}</section>`;
}

/** Access tokens: owner, expiry as a date and "in N days", and each token's findings inline. */
function tokensSection(model: AuditModel, findings: readonly Finding[], now: number): string {
  if (!model.tokens) return '';
  const users = new Map(model.users.map((u) => [u.id, u]));
  const rows = model.tokens.map((t) => {
    const owner = t.ownerId === null ? undefined : users.get(t.ownerId);
    const who = `${owner?.email ?? t.ownerEmail ?? '?'}${owner?.deleted ? ' (deleted)' : owner?.active === false ? ' (inactive)' : ''}`;
    const days = t.expiresAt === null ? undefined : daysUntil(Date.parse(t.expiresAt), now);
    const when =
      t.expiresAt === null || days === undefined
        ? 'never'
        : `${t.expiresAt.slice(0, 10)} (${days < 0 ? `expired ${-days} day(s) ago` : `in ${days} day(s)`})`;
    const own = findings.filter((f) => f.subjects.some((s) => s.type === 'token' && s.id === t.id));
    const marks = own.map((f) => `<span class="finding ${f.severity}" data-kind="${f.kind}">${escape(f.kind)}</span>`);
    return `<tr><td>${escape(t.id)}</td><td>${escape(t.name)}</td><td>${escape(who)}</td><td data-value="${days ?? ''}">${escape(when)}</td><td>${marks.join(' ')}</td></tr>`;
  });
  return `<section id="tokens"><h2>Access tokens (${model.tokens.length}) ${csvButton('token-table')}</h2><div class="scroll"><table id="token-table" class="sortable"><thead><tr><th data-sort="text">id</th><th data-sort="text">name</th><th data-sort="text">owner</th><th data-sort="number">expires</th><th data-sort="text">findings</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function failuresSection(model: AuditModel): string {
  if (model.failures.length === 0) return '';
  const items = model.failures.map(
    (f) =>
      `<li>${escape(f.section)}${f.name ? ` "${escape(f.name)}"` : ''}${f.id ? ` #${f.id}` : ''}: ${escape(f.error)}</li>`,
  );
  return `<section id="failures"><h2>Reads that failed (the rest of the report stands)</h2><ul>${items.join('')}</ul></section>`;
}
