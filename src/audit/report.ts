import { daysUntil } from '../internal/days.js';
import { escapeChar, UNSAFE_CHARS } from '../internal/unsafe-text.js';
import { reachOf } from './access.js';
import type { Finding } from './findings.js';
import { credentialsOf, CREDENTIAL_LABEL, type AuditCredential, type AuditModel } from './model.js';

/**
 * The audit as one self-contained HTML page (no network at view time: a Content-Security-Policy allows nothing
 * but the page's own inline style and script): findings, a roles × grants heatmap, a role membership chart, and the
 * accounts × principals table with filtering and sorting. Every name from the instance is escaped; the model holds
 * no secrets, so neither does the page.
 */
export function auditReportHtml(
  model: AuditModel,
  findings: readonly Finding[],
  options: { title?: string } = {},
): string {
  const title = options.title ?? `Access audit — ${model.instance}`;
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
<p class="meta">Read ${escape(model.takenAt)} · ${model.counts.users} users · ${model.counts.roles} roles · ${model.counts.groups} groups · ${model.counts.accounts} accounts · ${model.counts.templates} OAuth templates${model.tokens ? ` · ${model.tokens.length} access tokens` : ''} · ${model.requests.total} requests${model.failures.length ? ` · <strong>${model.failures.length} read(s) failed</strong>` : ''}</p>
</header>
${incompleteBanner(model)}
<main>
${findingsSection(findings)}
${heatmapSection(model)}
${membershipSection(model)}
${credentialsSection(model)}
${contentSection(model)}
${tokensSection(model, findings)}
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

function findingsSection(findings: readonly Finding[]): string {
  const items = findings.map(
    (f) =>
      `<li class="finding ${f.severity}" data-kind="${f.kind}"><span class="badge">${f.severity}</span> ${escape(f.message)}</li>`,
  );
  return `<section id="findings"><h2>Findings (${findings.length})</h2>${items.length ? `<ul>${items.join('')}</ul>` : '<p>No findings.</p>'}</section>`;
}

function heatmapSection(model: AuditModel): string {
  const grants = [...model.grants].sort((a, b) => a.group.localeCompare(b.group) || a.id.localeCompare(b.id));
  const head = grants
    .map((g) => `<th class="grant" title="${escape(`${g.title}: ${g.description}`)}"><span>${escape(g.id)}</span></th>`)
    .join('');
  const rows = model.roles.map((role) => {
    const held = new Set(role.grants);
    const cells = grants
      .map((g) =>
        held.has(g.id)
          ? `<td class="cell on" title="${escape(`${role.name} · ${g.id}`)}"></td>`
          : '<td class="cell"></td>',
      )
      .join('');
    return `<tr><th class="role">${escape(role.name)}${role.isDefault ? ' <em>(default)</em>' : ''}</th><td class="num">${role.grants.length}</td>${cells}</tr>`;
  });
  return `<section id="heatmap"><h2>Roles × grants</h2><div class="scroll"><table class="heatmap"><thead><tr><th>role</th><th>grants</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
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
    return `<g class="bar"><text x="${label - 8}" y="${y + 15}" text-anchor="end">${escape(role.name)}</text><rect x="${label}" y="${y + 3}" width="${w}" height="${bar - 6}"></rect><text x="${label + w + 6}" y="${y + 15}">${role.members.length}</text></g>`;
  });
  return `<section id="membership"><h2>Role membership</h2><svg role="img" aria-label="members per role" width="${width}" height="${roles.length * bar + 4}" viewBox="0 0 ${width} ${roles.length * bar + 4}">${bars.join('')}</svg></section>`;
}

function credentialsSection(model: AuditModel): string {
  const groups = new Map(model.groups.map((g) => [g.id, g]));
  const users = new Map(model.users.map((u) => [u.id, u.email]));
  const rows = credentialsOf(model).flatMap(({ kind, credential }) =>
    credentialRows(model, CREDENTIAL_LABEL[kind], credential, groups, users),
  );
  return `<section id="credentials"><h2>Accounts × principals</h2>
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
    ? `<h3>Orphaned: owned only by deleted or inactive users</h3><div class="scroll"><table id="orphaned" class="sortable"><thead><tr><th data-sort="text">type</th><th data-sort="text">id</th><th data-sort="text">name</th><th data-sort="text">owners</th></tr></thead><tbody>${orphans.join('')}</tbody></table></div>`
    : '<p>No orphaned content.</p>';
  return `<section id="content"><h2>Content owners</h2><div class="scroll"><table id="owners" class="sortable"><thead><tr><th data-sort="text">type</th><th data-sort="number">objects</th><th data-sort="number">owners</th><th data-sort="text">top owners</th><th data-sort="number">orphaned</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${orphanTable}</section>`;
}

/** Access tokens: owner, expiry as a date and "in N days", and each token's findings inline. */
function tokensSection(model: AuditModel, findings: readonly Finding[], now: number = Date.now()): string {
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
  return `<section id="tokens"><h2>Access tokens (${model.tokens.length})</h2><div class="scroll"><table id="token-table" class="sortable"><thead><tr><th data-sort="text">id</th><th data-sort="text">name</th><th data-sort="text">owner</th><th data-sort="number">expires</th><th data-sort="text">findings</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function failuresSection(model: AuditModel): string {
  if (model.failures.length === 0) return '';
  const items = model.failures.map(
    (f) =>
      `<li>${escape(f.section)}${f.name ? ` "${escape(f.name)}"` : ''}${f.id ? ` #${f.id}` : ''}: ${escape(f.error)}</li>`,
  );
  return `<section id="failures"><h2>Reads that failed (the rest of the report stands)</h2><ul>${items.join('')}</ul></section>`;
}

/** Text for HTML: element content and attribute values alike. */
/**
 * Text from the instance made safe for the page: HTML-escaped, and every control, bidi or zero-width character
 * shown as a visible escape (`\u202E`), as the CLI shows it, so a name can never reorder the sentence it is in.
 */
function escape(text: string): string {
  return text
    .replace(UNSAFE_CHARS, escapeChar)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:16px 24px}h1{margin:0;font-size:20px}.meta{margin:4px 0 0;opacity:.85}
.banner{background:#fff3cd;border-bottom:2px solid #b58105;color:#5c4300;padding:10px 24px}.banner ul{margin:4px 0 0}
main{padding:8px 24px 40px}section{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:16px 0;padding:12px 16px}
h2{font-size:16px;margin:4px 0 10px}.scroll{overflow:auto;max-height:560px}
.finding{list-style:none;margin:4px 0}.badge{display:inline-block;min-width:58px;text-align:center;border-radius:3px;color:#fff;font-size:12px;padding:1px 6px;margin-right:6px}
.high .badge{background:#c0392b}.medium .badge{background:#d68910}.low .badge{background:#5d6d7e}
table{border-collapse:collapse}th,td{padding:3px 8px;border-bottom:1px solid #eef0f2;text-align:left}
.heatmap th.grant{height:150px;vertical-align:bottom;padding:2px}.heatmap th.grant span{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:11px;white-space:nowrap}
.heatmap td.cell{width:14px;height:14px;padding:0;border:1px solid #fff;background:#eef1f5}.heatmap td.cell.on{background:#2a9d8f}
.heatmap th.role{white-space:nowrap;font-weight:normal}.num{text-align:right;font-variant-numeric:tabular-nums}
svg text{font-size:12px;fill:#1d232b}svg rect{fill:#457b9d}
#access th{cursor:pointer;user-select:none;background:#f0f2f5;position:sticky;top:0}#access th.asc::after{content:" ▲"}#access th.desc::after{content:" ▼"}
#filter{padding:4px 8px;width:320px}
`;

/** Filtering and sorting of the accounts table; nothing else runs. */
const SCRIPT = `
(function () {
  var table = document.getElementById('access');
  var filter = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  filter.addEventListener('input', function () {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) count += 1;
    });
    shown.textContent = String(count);
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.addEventListener('click', function () {
      var asc = !th.classList.contains('asc');
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.classList.remove('asc', 'desc'); });
      th.classList.add(asc ? 'asc' : 'desc');
      var numeric = th.getAttribute('data-sort') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[index].textContent, y = b.cells[index].textContent;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return asc ? order : -order;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
})();
`;
