import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userAccess, whoCan } from '../../audit/access.js';
import { auditCsv } from '../../audit/csv.js';
import { auditFindings, incompleteText } from '../../audit/findings.js';
import { auditAccess, type AuditModel, type AuditOptions } from '../../audit/model.js';
import { auditReportHtml } from '../../audit/report.js';
import { DomoFileError, fileError } from '../../client/errors.js';
import { eachInstance, formatOption, profilesOption, reportInstances, type InstanceRender } from '../instances.js';
import type { CliContext } from '../context.js';
import { markdownInline } from '../../governance/render-markdown.js';
import { policyOption, readPolicies, type PolicySource } from '../spec-files.js';
import type { LocatedRule } from '../../governance/policy.js';
import { progressBar } from '../progress.js';
import { integerOption, userArgument } from '../options.js';
import { adminDir } from '../profiles.js';
import { offboardedUsers } from '../../audit/offboard-snapshot.js';
import { formatTable } from '../table.js';

/** `audit`, `who-can` and `access`: who can do what. */
export function registerAudit(program: Command, ctx: () => CliContext): void {
  registerAuditAudit(program, ctx);
  registerAuditWhoCan(program, ctx);
  registerAuditAccess(program, ctx);
}

/** A number of days, at least `min`. */
const DAYS = (min: number) => integerOption('<days>', min);

interface AuditFlags {
  html?: string;
  csv?: string;
  allowIncomplete?: boolean;
  expiringWithin: number;
  tokenMaxLifetime: number;
  usage: boolean;
  usageDays: number;
  inactiveDays: number;
  policy?: string[];
  profiles?: string[];
  format?: 'text' | 'markdown';
}

/**
 * `audit --profiles a,b`: each instance audited (at once), its findings and exit code (3 incomplete, 2 a denied
 * policy, 1 an error), reports written per profile (`report.a.html`, `csv/a/`), and the worst exit code.
 */
async function auditMany(c: CliContext, profiles: string[], options: AuditFlags, policies: PolicySource) {
  const results = await eachInstance(c, profiles, async (auth, profile) => {
    const model = await auditAccess(auth, { usage: options.usage ? { days: options.usageDays } : false });
    const findings = await findingsOf(c, model, options, policies(profile));
    const { written, notWritten } = await writeReports(model, findings, perProfile(options, profile));
    if (notWritten.length > 0)
      throw new DomoFileError(notWritten.map((n) => n.error).join('; '), notWritten[0]!.path, 'EIO');
    return { result: { model, findings, written }, exitCode: auditExit(model, findings, options) };
  });
  reportInstances(c, results, options.format, AUDIT_RENDER);
}

/** True when a deny policy rule is broken: a `policy` finding of high severity. */
function policyDenied(findings: ReturnType<typeof auditFindings>): boolean {
  return findings.some((f) => f.kind === 'policy' && f.severity === 'high');
}

/**
 * An audit's exit code: 3 when it could not see everything (unless `--allow-incomplete`), else 2 when a deny policy
 * rule is broken (like drift), else 0.
 */
function auditExit(model: AuditModel, findings: ReturnType<typeof auditFindings>, options: AuditFlags): number {
  if (!model.complete && !options.allowIncomplete) return 3;
  return policyDenied(findings) ? 2 : 0;
}

/** What an audit gives for one instance. */
interface AuditResult {
  model: AuditModel;
  findings: ReturnType<typeof auditFindings>;
  written: string[];
}

/** The most findings one instance lists in a Markdown report (`--json` has them all). */
const MARKDOWN_FINDINGS = 100;

/** An audit as text, and in a Markdown report: its findings, most severe first. */
const AUDIT_RENDER: InstanceRender<AuditResult> = {
  title: 'domo-admin audit',
  text: (r) => auditText(r.model, r.findings, r.written),
  markdown: ({ model, findings }) => {
    const lines = findings.slice(0, MARKDOWN_FINDINGS).map((f) => `- **${f.severity}** ${markdownInline(f.message)}`);
    const more = findings.length > MARKDOWN_FINDINGS ? [`- … and ${findings.length - MARKDOWN_FINDINGS} more`] : [];
    const blind = model.complete ? [] : [`> [!WARNING]\n> ${markdownInline(incompleteText(model) ?? '')}`, ''];
    return `${[...blind, findings.length ? `${findings.length} finding(s):` : 'No findings.', '', ...lines, ...more].join('\n')}\n`;
  },
  outcome: ({ model, findings }) =>
    `${findings.length} finding(s)${policyDenied(findings) ? ', a policy denied' : ''}${model.complete ? '' : ', incomplete'}`,
};

/** One profile's report paths: `report.html` → `report.<profile>.html`, `csv/` → `csv/<profile>/`. */
function perProfile(options: AuditFlags, profile: string): AuditFlags {
  const html = options.html?.replace(/(\.html?)?$/i, (ext) => `.${profile}${ext}`);
  return { ...options, ...(html ? { html } : {}), ...(options.csv ? { csv: join(options.csv, profile) } : {}) };
}

function registerAuditAudit(program: Command, ctx: () => CliContext): void {
  program
    .command('audit')
    .description('read roles, grants, users, groups, accounts and OAuth templates; print findings (or write a report)')
    .option('--html <file>', 'write a self-contained HTML report here')
    .option(
      '--csv <dir>',
      'write roles.csv, users.csv, groups.csv, access.csv, owners.csv, orphaned.csv, tokens.csv and findings.csv into this folder',
    )
    .option('--allow-incomplete', 'exit 0 even when the audit could not see everything (it exits 3 otherwise)')
    .option('--expiring-within <days>', 'a token expiring within this many days is a finding', DAYS(0), 14)
    .option('--token-max-lifetime <days>', 'a token living longer than this is a finding', DAYS(1), 365)
    .option(
      '--inactive-days <days>',
      'a user with no activity for this many days is inactive (as is a credential whose datasets did not run)',
      DAYS(1),
      90,
    )
    .option(
      '--usage-days <days>',
      'days of the activity log read: content not viewed in them is unviewed',
      DAYS(1),
      180,
    )
    .option('--no-usage', 'do not read the activity log (no usage findings; much faster on a busy instance)')
    .addOption(policyOption())
    .addOption(profilesOption('audit each of these instances'))
    .addOption(formatOption())
    .action(async (options: AuditFlags) => {
      const c = ctx();
      const policies = await readPolicies(options.policy);
      if (options.profiles) return auditMany(c, options.profiles, options, policies);
      const model = await readModel(c, { usage: options.usage ? { days: options.usageDays } : false });
      const findings = await findingsOf(c, model, options, policies(c.options.profile));
      c.exitCode = auditExit(model, findings, options);
      if (!model.complete) c.note(`! ${incompleteText(model)}`);
      const { written, notWritten } = await writeReports(model, findings, options);
      for (const failure of notWritten) c.note(`! ${failure.error}`);
      if (notWritten.length > 0) c.exitCode = 1;
      if (options.format === 'markdown') {
        const one = { profile: c.options.profile ?? model.instance, instance: model.instance, exitCode: c.exitCode };
        return reportInstances(c, [{ ...one, result: { model, findings, written } }], 'markdown', AUDIT_RENDER);
      }
      c.result({ model, findings, written, notWritten }, () => auditText(model, findings, written));
    });
}

/** Writes the HTML and CSV reports asked for: every report is attempted; one that cannot be written is reported. */
async function writeReports(
  model: AuditModel,
  findings: ReturnType<typeof auditFindings>,
  options: AuditFlags,
): Promise<{ written: string[]; notWritten: { path: string; error: string }[] }> {
  const written: string[] = [];
  const notWritten: { path: string; error: string }[] = [];
  const attempt = async (path: string, what: string, write: () => Promise<unknown>) => {
    try {
      await write();
      written.push(path);
    } catch (error) {
      const typed = fileError(error, path, what);
      notWritten.push({ path, error: typed instanceof Error ? typed.message : String(typed) });
    }
  };
  if (options.html) {
    const html = options.html;
    await attempt(html, 'the HTML report', () => writeFile(html, auditReportHtml(model, findings)));
  }
  if (options.csv) {
    const dir = options.csv;
    await attempt(dir, 'the CSV reports', () =>
      mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EEXIST' ? Object.assign(error, { code: 'ENOTDIR' }) : error; // a file is in the way
      }),
    );
    if (!notWritten.some((n) => n.path === dir))
      for (const [name, text] of Object.entries(auditCsv(model, findings)))
        await attempt(join(dir, name), `the CSV report ${name}`, () => writeFile(join(dir, name), text));
  }
  return { written, notWritten };
}

/** The findings, with the token options given and the users offboarded from here (their snapshots). */
async function findingsOf(c: CliContext, model: AuditModel, options: AuditFlags, policies: LocatedRule[]) {
  return auditFindings(model, {
    policies,
    expiringWithinDays: options.expiringWithin,
    maxTokenLifetimeDays: options.tokenMaxLifetime,
    inactiveDays: options.inactiveDays,
    unusedCredentialDays: options.inactiveDays,
    offboardedUsers: await offboardedUsers(model.instance, join(adminDir(c.io.env), 'snapshots')),
  });
}

function registerAuditWhoCan(program: Command, ctx: () => CliContext): void {
  program
    .command('who-can <grant>')
    .description('the users who hold a grant, and the role it comes through')
    .action(async (grant: string) => {
      const c = ctx();
      const holders = whoCan(await readModel(c, { include: ['roles'] }), grant);
      c.list(
        // The user kind's names for the fields it has (`id`, not `userId`; the role by id and name).
        holders.map((h) => ({
          id: h.user.id,
          displayName: h.user.name,
          email: h.user.email,
          roleId: h.role.id,
          role: h.role.name,
        })),
        () =>
          formatTable(
            holders,
            [
              { header: 'EMAIL', value: (h) => h.user.email },
              { header: 'NAME', value: (h) => h.user.name },
              { header: 'THROUGH ROLE', value: (h) => h.role.name },
            ],
            `nobody holds ${grant}`,
          ),
      );
    });
}

function registerAuditAccess(program: Command, ctx: () => CliContext): void {
  program
    .command('access')
    .description(
      'everything one user (email or id) reaches — role, grants, groups, accounts and OAuth templates — and why',
    )
    .argument('<user>', 'a user id or email', userArgument('<user>'))
    .action(async (user: string) => {
      const c = ctx();
      const access = userAccess(await readModel(c, { usage: false }), user);
      const credentials = access.credentials.map((x) => ({
        kind: x.kind,
        id: x.credential.id,
        name: x.credential.name,
        level: x.level,
        via: x.routes.map((r) => (r.via === 'direct' ? 'direct' : `group ${r.via.group}`)),
      }));
      c.result(
        {
          user: access.user,
          role: access.role?.name ?? null,
          grants: access.grants,
          groups: access.groups.map((g) => ({ id: g.group.id, name: g.group.name, member: g.member, owner: g.owner })),
          credentials,
        },
        () =>
          [
            `${access.user.name} <${access.user.email}> — user ${access.user.id}, role "${access.role?.name ?? 'unknown'}"`,
            `grants (${access.grants.length}): ${access.grants.join(', ') || '(none)'}`,
            `groups (${access.groups.length}): ${access.groups.map((g) => `${g.group.name}${g.owner ? ' (owner)' : ''}`).join(', ') || '(none)'}`,
            '',
            formatTable(
              credentials,
              [
                { header: 'KIND', value: (x) => x.kind },
                { header: 'ID', value: (x) => x.id, right: true },
                { header: 'NAME', value: (x) => x.name },
                { header: 'LEVEL', value: (x) => x.level },
                { header: 'VIA', value: (x) => x.via.join('; ') },
              ],
              'no accounts or OAuth templates',
            ),
          ].join('\n'),
      );
    });
}

async function readModel(c: CliContext, options: AuditOptions = {}): Promise<AuditModel> {
  const bar = await progressBar(c, 'reading {section} {value}/{total}');
  bar?.start(1, 0, { section: 'roles' });
  try {
    return await auditAccess(await c.auth(), {
      ...options,
      onProgress: (p) => {
        bar?.setTotal(p.total);
        bar?.update(p.done, { section: p.section });
      },
    });
  } finally {
    bar?.stop();
  }
}

function auditText(model: AuditModel, findings: ReturnType<typeof auditFindings>, written: string[]): string {
  const { counts, requests } = model;
  const lines = [
    `${model.instance}: ${counts.users} users, ${counts.roles} roles, ${counts.groups} groups, ${counts.accounts} accounts, ${counts.templates} OAuth templates (${requests.total} requests)`,
    '',
    findings.length ? `${findings.length} finding(s):` : 'No findings.',
    ...findings.map((f) => `  [${f.severity}] ${f.message}`),
    ...(model.failures.length
      ? [
          '',
          `${model.failures.length} read(s) failed (the rest stands):`,
          ...model.failures.map((f) => `  ${f.section}${f.name ? ` "${f.name}"` : ''}: ${f.error}`),
        ]
      : []),
    ...written.map((file) => `wrote ${file}`),
  ];
  return `${lines.join('\n')}\n`;
}
