// The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright-core): it loads with no
// console errors and no request beyond the file, the heatmap renders, filtering and sorting the accounts table
// work, the search and the drill-down (findings, heatmap rows, role details, CSV download, print) work, hostile names stay text, no secret is in the page — and a screenshot is kept (test-artifacts/; with
// UPDATE_DOCS=1 also docs/audit-report.png, the README's). Without a browser the test is skipped, except where
// REQUIRE_BROWSER=1 (CI installs chromium and sets it).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAccess, auditFindings, auditReportHtml, type AuditModel } from '../../src/audit/index.js';
import { ROOT } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_BROWSER === '1')
  throw new Error(`REQUIRE_BROWSER=1 but there is no browser at ${CHROMIUM} (apt-get install chromium)`);

const CANARY = 'CANARY-report-secret-7f3a';
const HOSTILE = '<img src=x onerror="window.__pwned=1">Ops';
const sb = useSandbox({ users: 80, accounts: 10 });
let browser: Browser | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'domo-admin-report-'));
  if (available) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Findings open to what they count; a heatmap row, a chart bar and a role link open the role's members. */
async function drillDown(page: Page, model: AuditModel): Promise<void> {
  const findings = auditFindings(model);
  const withSubjects = findings.findIndex((f) => f.subjects.some((s) => s.type === 'user'));
  const finding = page.locator('#findings li.finding').nth(withSubjects);
  const firstUser = findings[withSubjects]!.subjects.find((s) => s.type === 'user')!;
  expect(await finding.locator('ul.subjects').isVisible()).toBe(false);
  await finding.locator('summary').click();
  expect(await finding.locator('ul.subjects').isVisible()).toBe(true);
  expect(await finding.locator('ul.subjects').textContent()).toContain(firstUser.name);
  // A subject's link brings its user's row into view.
  await finding.locator(`a[href="#user-${firstUser.id}"]`).first().click();
  expect(await page.locator(`#user-${firstUser.id}`).isVisible()).toBe(true);

  const role = [...model.roles].sort((a, b) => b.members.length - a.members.length)[0]!;
  const detail = page.locator(`#role-${role.id}`);
  expect(await detail.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
  await page.locator(`table.heatmap tbody tr[data-role="${role.id}"] td.num`).click();
  expect(await detail.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
  expect(await detail.locator('ol li').count()).toBe(role.members.length);
  const member = model.users.find((u) => u.id === role.members[0])!;
  expect(await detail.textContent()).toContain(member.email);
  // Admin-level grants are marked in the heatmap, grouped by the catalogue's groups.
  expect(await page.locator('table.heatmap th.grant.admin').count()).toBeGreaterThan(0);
  expect(await page.locator('table.heatmap tr.groups th[colspan]').count()).toBe(
    new Set(model.grants.map((g) => g.group)).size,
  );
  // Sticky headers: a scrolled table keeps its header row in view.
  expect(await page.evaluate("getComputedStyle(document.querySelector('#user-table th')).position")).toBe('sticky');
  expect(await page.locator('header .meta').textContent()).toMatch(/Read \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/);
}

/** One search across the report hides what does not match everywhere; any table downloads as CSV. */
async function searchAndCsv(page: Page, model: AuditModel): Promise<void> {
  const user = model.users.find((u) => !u.deleted && u.roleId === 4)!;
  await page.fill('#search', user.email);
  const rows = page.locator('#user-table tbody tr:not(.search-miss)');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain(user.email);
  expect(await page.locator('#search-count').textContent()).toMatch(/^\d+ match(es)?$/);
  expect(await page.locator('#group-table tbody tr:not(.search-miss)').count()).toBe(
    model.groups.filter((g) => g.members.includes(user.id) || g.owners.some((o) => o.id === user.id)).length,
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button.csv[data-table="user-table"]'),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('name,email,role,groups,last activity,status,tokens');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(user.email);
  await page.fill('#search', '');
  expect(await page.locator('#user-table tbody tr:not(.search-miss)').count()).toBe(model.users.length);
  // Printing opens every detail.
  await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
  expect(await page.locator('details:not([open])').count()).toBe(0);
}

describe.skipIf(!available)('the audit HTML report in Chromium', () => {
  it('loads offline with no console errors; heatmap, chart, filter and sort work; no secret; screenshot kept', async () => {
    // Secrets in the instance: an account config value, the admin's password and token. A hostile group name.
    const account = sb.state.accounts.get(3)!;
    account.config = { ...account.config, password: CANARY };
    account.displayName = 'Zebra Vault';
    [...sb.state.groups.values()].find((g) => g.type === 'closed')!.name = HOSTILE;
    const model = await auditAccess(sb.auth);
    const html = auditReportHtml(model, auditFindings(model));
    for (const secret of [CANARY, sb.state.adminToken, 'sandbox-password']) expect(html).not.toContain(secret);
    expect(html).not.toContain(HOSTILE); // escaped
    const file = join(dir, 'report.html');
    await writeFile(file, html);

    const page = await browser!.newPage({ viewport: { width: 1400, height: 1100 }, acceptDownloads: true });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#access').textContent()).toContain(HOSTILE.slice(0, 12));

    // The heatmap: a cell per role and grant, coloured where the role holds the grant.
    expect(await page.locator('table.heatmap td.cell').count()).toBe(model.roles.length * model.grants.length);
    const held = model.roles.reduce((sum, role) => sum + role.grants.length, 0);
    expect(await page.locator('table.heatmap td.cell.on').count()).toBe(held);
    expect(
      await page.evaluate("getComputedStyle(document.querySelector('table.heatmap td.cell.on')).backgroundColor"),
    ).toBe('rgb(42, 157, 143)');
    expect(await page.locator('#membership svg rect').count()).toBe(model.roles.length);
    expect(await page.locator('#findings li.finding').count()).toBe(auditFindings(model).length);

    // Filtering the accounts × principals table.
    const rows = page.locator('#access tbody tr');
    const total = await rows.count();
    expect(total).toBe(
      model.accounts.reduce((n, a) => n + a.shares.length, 0) +
        model.templates.reduce((n, t) => n + t.shares.length, 0),
    );
    await page.fill('#filter', account.displayName);
    const visible = page.locator('#access tbody tr:not([hidden])');
    const shown = await visible.count();
    expect(shown).toBe(model.accounts.find((a) => a.id === 3)!.shares.length);
    for (const text of await visible.allTextContents()) expect(text).toContain(account.displayName);
    expect(await page.locator('#shown').textContent()).toBe(String(shown));

    // Sorting by level, then the other way.
    await page.fill('#filter', '');
    await page.click('#access th:nth-child(5)');
    const levels = await page.locator('#access tbody tr td.level').allTextContents();
    expect(levels).toEqual([...levels].sort((a, b) => a.localeCompare(b)));
    await page.click('#access th:nth-child(5)');
    const reversed = await page.locator('#access tbody tr td.level').allTextContents();
    expect(reversed).toEqual([...levels].reverse());

    await drillDown(page, model);
    await searchAndCsv(page, model);

    // The screenshot: as a reader first sees it, with the first finding opened.
    await page.reload();
    await page.locator('#findings li.finding summary').first().click();
    await page.evaluate('window.scrollTo(0, 0)');
    const artifacts = join(ROOT, 'test-artifacts');
    await mkdir(artifacts, { recursive: true });
    const shot = join(artifacts, 'audit-report.png');
    await page.screenshot({ path: shot });
    if (process.env.UPDATE_DOCS === '1') {
      await mkdir(join(ROOT, 'docs'), { recursive: true });
      await copyFile(shot, join(ROOT, 'docs', 'audit-report.png'));
    }
    await page.close();
  }, 60_000);
});
