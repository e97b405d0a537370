// The report's own style and script: inline, as its Content-Security-Policy allows nothing else.
import { escapeChar, UNSAFE_CHARS } from '../internal/unsafe-text.js';
import { agoText } from '../internal/days.js';

export const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:16px 24px}h1{margin:0;font-size:20px}.meta{margin:4px 0 0;opacity:.85}
#toolbar{position:sticky;top:0;z-index:5;background:#e9eef5;border-bottom:1px solid #cfd6df;padding:8px 24px;display:flex;gap:12px;align-items:center}
#search{padding:5px 10px;width:380px}#toolbar nav a{margin-right:10px;color:#1d3557}
.banner{background:#fff3cd;border-bottom:2px solid #b58105;color:#5c4300;padding:10px 24px}.banner ul{margin:4px 0 0}
main{padding:8px 24px 40px}section{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:16px 0;padding:12px 16px}
h2{font-size:16px;margin:4px 0 10px;display:flex;gap:12px;align-items:center}.scroll{overflow:auto;max-height:560px}
button.csv{font-size:12px;padding:1px 8px;cursor:pointer}
.finding{list-style:none;margin:4px 0}.finding summary{cursor:pointer}.subjects{margin:4px 0 8px 72px;columns:3}
.badge{display:inline-block;min-width:58px;text-align:center;border-radius:3px;color:#fff;font-size:12px;padding:1px 6px;margin-right:6px}
.high .badge{background:#c0392b}.medium .badge{background:#d68910}.low .badge{background:#5d6d7e}
table{border-collapse:collapse}th,td{padding:3px 8px;border-bottom:1px solid #eef0f2;text-align:left;vertical-align:top}
.scroll th{position:sticky;top:0;background:#f0f2f5;z-index:1}
.heatmap thead tr.groups th{top:0;height:auto;font-size:11px;border-left:2px solid #fff;background:#e2e8f0}
.heatmap th.grant{height:150px;vertical-align:bottom;padding:2px;top:22px}.heatmap th.grant span{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:11px;white-space:nowrap}
.heatmap th.grant.admin span{color:#c0392b;font-weight:600}
.heatmap td.cell{width:14px;height:14px;padding:0;border:1px solid #fff;background:#eef1f5}.heatmap td.cell.on{background:#2a9d8f}
.heatmap td.cell.on.admin{box-shadow:inset 0 0 0 2px #c0392b}
.heatmap tbody tr{cursor:pointer}.heatmap tbody tr:hover th{background:#dbe7f3}
.heatmap th.role{white-space:nowrap;font-weight:normal;position:sticky;left:0;background:#fff}.num{text-align:right;font-variant-numeric:tabular-nums}
.legend{font-size:12px;color:#4a5563}.legend .admin{color:#c0392b;font-weight:600}
svg text{font-size:12px;fill:#1d232b}svg rect{fill:#457b9d}svg a:hover rect{fill:#1d3557}
.sortable th{cursor:pointer;user-select:none}.sortable th.asc::after{content:" ▲"}.sortable th.desc::after{content:" ▼"}
#filter{padding:4px 8px;width:320px}
.role-detail{margin:6px 0;border-left:3px solid #457b9d;padding-left:10px}.role-detail summary{cursor:pointer;font-weight:600}
.role-detail[open]{background:#f3f7fb}.role-detail .grants{font-size:12px;color:#4a5563}
.status-deleted{color:#8a8f98;text-decoration:line-through}.status-inactive{color:#b35900}
.search-miss{display:none !important}mark{background:#ffe58f}
@media print{
#toolbar,button.csv,#filter{display:none}.scroll{max-height:none;overflow:visible}
section{break-inside:avoid-page;border:none}header{background:none;color:#000}body{background:#fff}
.scroll th{position:static}
}
`;

/**
 * Search across the report, drill-down (a role's members from the heatmap, the membership chart or a link; a
 * finding's subjects), filtering and sorting of the accounts table, sorting of every table, CSV download of any
 * table, and every detail opened for printing. Nothing else runs.
 */
export const SCRIPT = `
(function () {
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // Drill-down: open the role (or user, group) a link or a heatmap row names, and bring it into view.
  function reveal(id) {
    var target = document.getElementById(id);
    if (!target) return;
    for (var node = target; node; node = node.parentElement) if (node.tagName === 'DETAILS') node.open = true;
    target.scrollIntoView({ block: 'center' });
  }
  each(document.querySelectorAll('table.heatmap tbody tr[data-role]'), function (row) {
    row.addEventListener('click', function () { reveal('role-' + row.getAttribute('data-role')); });
  });
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    reveal(link.getAttribute('href').slice(1));
  });

  // Sorting: any table with class sortable; numbers by data-value when a cell has one.
  each(document.querySelectorAll('table.sortable'), function (table) {
    var head = table.tHead.rows[table.tHead.rows.length - 1];
    each(head.cells, function (th, index) {
      th.addEventListener('click', function () {
        var asc = !th.classList.contains('asc');
        each(head.cells, function (other) { other.classList.remove('asc', 'desc'); });
        th.classList.add(asc ? 'asc' : 'desc');
        var numeric = th.getAttribute('data-sort') === 'number';
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var key = function (row) {
          var cell = row.cells[index];
          return cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = numeric ? Number(x || -Infinity) - Number(y || -Infinity) : x.localeCompare(y);
          return asc ? order : -order;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  });

  // The accounts table's own filter.
  var access = document.getElementById('access');
  var filter = document.getElementById('filter');
  var shown = document.getElementById('shown');
  if (access && filter) filter.addEventListener('input', function () {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    each(access.tBodies[0].rows, function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) count += 1;
    });
    shown.textContent = String(count);
  });

  // One search across the report: findings, table rows and role details that hold every word.
  var search = document.getElementById('search');
  var found = document.getElementById('search-count');
  var items = document.querySelectorAll('#findings li.finding, main table:not(.heatmap) tbody tr, details.role-detail');
  search.addEventListener('input', function () {
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    each(items, function (item) {
      var match = words.every(function (w) { return item.textContent.toLowerCase().indexOf(w) >= 0; });
      item.classList.toggle('search-miss', !match);
      if (match && words.length) count += 1;
    });
    found.textContent = words.length ? count + ' match' + (count === 1 ? '' : 'es') : '';
  });

  // CSV of any table: its header and the rows shown, a formula-looking cell quoted with a leading '.
  function csvCell(text) {
    var value = text.replace(/\\s+/g, ' ').trim();
    if (/^[=+\\-@]/.test(value)) value = "'" + value;
    return /[",\\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  each(document.querySelectorAll('button.csv'), function (button) {
    button.addEventListener('click', function () {
      var table = document.getElementById(button.getAttribute('data-table'));
      var head = table.tHead.rows[table.tHead.rows.length - 1];
      var lines = [Array.prototype.map.call(head.cells, function (c) { return csvCell(c.textContent); }).join(',')];
      each(table.tBodies[0].rows, function (row) {
        if (row.hidden || row.classList.contains('search-miss')) return;
        lines.push(Array.prototype.map.call(row.cells, function (c) { return csvCell(c.textContent); }).join(','));
      });
      var link = document.createElement('a');
      link.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(lines.join('\\r\\n') + '\\r\\n');
      link.download = table.id + '.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  });

  window.addEventListener('beforeprint', function () {
    each(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
`;

/**
 * Text from the instance made safe for the page: HTML-escaped, and every control, bidi or zero-width character
 * shown as a visible escape (`\u202E`), as the CLI shows it, so a name can never reorder the sentence it is in.
 */
export function escape(text: string): string {
  return text
    .replace(UNSAFE_CHARS, escapeChar)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A time as people read it: `6 Dec 2026, 22:30 UTC`. */
export function humanTime(ms: number): string {
  const d = new Date(ms);
  const hm = d.toISOString().slice(11, 16);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hm} UTC`;
}

/** A past day as people read it: `20 May 2026 (200 days ago)`. */
export function humanDay(ms: number, now: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} (${agoText(ms, now)})`;
}

/** The button that downloads a table as CSV. */
export function csvButton(tableId: string): string {
  return `<button type="button" class="csv" data-table="${tableId}" title="download the rows shown as CSV">CSV</button>`;
}
