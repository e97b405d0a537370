import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DomoAuth } from '../../auth/base.js';
import { executeOffboarding, planOffboarding, type OffboardingPlan } from '../../audit/offboard.js';
import { applyOffboardingPlan, loadOffboardingPlan, saveOffboardingPlan } from '../../audit/offboard-plan.js';
import {
  loadOffboardingSnapshot,
  offboardingSnapshot,
  saveOffboardingSnapshot,
  type OffboardingSnapshot,
} from '../../audit/offboard-snapshot.js';
import { planOffboardingRestore, restoreOffboarding } from '../../audit/offboard-restore.js';
import { OWNED_KEYS, OWNED_KIND, OWNED_LABEL } from '../../classes/ownership.js';
import { DomoFileError, DomoInputError, fileError } from '../../client/errors.js';
import type { DomoAccessToken } from '../../classes/access-token/access-token.js';
import type { TokensChoice } from '../../audit/offboard-tokens.js';
import { confirmWrite } from '../confirm.js';
import { accessTokenJson, type NewAccessTokenJson } from '../kinds.js';
import type { CliContext } from '../context.js';
import { userArgument } from '../options.js';
import { adminDir } from '../profiles.js';

interface OffboardFlags {
  to?: string;
  fallbackTo?: string;
  deleteUser?: boolean;
  toContainerOwner?: boolean;
  endSessions?: boolean;
  removeAccess?: boolean;
  keepTokensFor?: string;
  leaveTokens?: boolean;
  out?: string;
  plan?: string;
}

/** "2 account(s), 1 group(s), 6 dataset(s)": the types the plan has something of. */
function ownedSummary(plan: OffboardingPlan): string {
  const parts = OWNED_KEYS.filter((key) => plan[key].length > 0).map(
    (key) => `${plan[key].length} ${OWNED_LABEL[OWNED_KIND[key]]}(s)`,
  );
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

function planText(plan: OffboardingPlan, tense: 'dry run' | 'saved' | 'did'): string {
  const datasetsTo =
    plan.datasetsTo && plan.datasetsTo.id !== plan.to.id
      ? `; what a group cannot own (datasets, dataflows, …) to ${plan.datasetsTo.label}`
      : '';
  const lead = { 'dry run': 'Dry run: nothing was changed. Would', saved: 'Nothing was changed. Would', did: 'Did' }[
    tense
  ];
  return [
    `${plan.user.name} <${plan.user.email}> (role "${plan.user.role}") owns ${ownedSummary(plan)}.`,
    plan.steps.length === 0 ? 'Nothing to hand over.' : `${lead}, in order (new owner ${plan.to.label}${datasetsTo}):`,
    ...plan.steps.map((step, i) => `  ${i + 1}. ${step}`),
    ...(plan.tokensUnread ? [`  (the user's access tokens are left as they are: ${plan.tokensUnread})`] : []),
    ...(plan.removeAccess?.managed ?? []).map(
      (g) =>
        `  (${plan.user.email} stays a member of ${g.type} group #${g.id} "${g.name}": the identity provider manages its members; remove them there)`,
    ),
    '',
  ].join('\n');
}

/** Writes a plan file; an existing file that is not an offboarding plan is never overwritten. */
async function writePlan(out: string, plan: OffboardingPlan): Promise<void> {
  const existing = await readFile(out, 'utf8').catch(() => undefined);
  if (existing !== undefined && !existing.includes('"domo-admin-offboarding-plan"'))
    throw new DomoFileError(
      `cannot write the plan: ${out} exists and is not an offboarding plan; give another file`,
      out,
      'EEXIST',
    );
  await writeFile(out, `${JSON.stringify(saveOffboardingPlan(plan), null, 2)}\n`).catch((error: unknown) => {
    throw fileError(error, out, 'the plan (it is shown above)');
  });
}

async function confirmPlan(c: CliContext, plan: OffboardingPlan): Promise<void> {
  await confirmWrite(c, {
    title: `offboard ${plan.user.email}: hand over to ${plan.to.label}${plan.deleteUser ? ', then delete the user' : ''}`,
    changes: plan.steps.map((step) => (/^delete/i.test(step) ? `− ${step}` : `~ ${step}`)),
  });
}

/** `offboard --plan file`: the saved plan, re-checked against a fresh read, shown, confirmed, applied. */
async function applySaved(c: CliContext, file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DomoInputError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, {
      field: 'plan',
    });
  });
  const saved = loadOffboardingPlan(text, { file });
  const auth = await c.auth();
  const savedPlan = saved.plan as unknown as OffboardingPlan;
  if (c.options.dryRun) return c.result({ dryRun: true, plan: savedPlan }, () => planText(savedPlan, 'dry run'));
  await confirmPlan(c, savedPlan);
  const snapshot = offboardingSnapshot(savedPlan);
  const issued = new IssuedTokens();
  const { plan, done } = await keepingSnapshot(c, snapshot, () =>
    applyOffboardingPlan(auth, saved, {
      onTokenIssued: issued.add,
      snapshot,
      onProgress: (n, total, step) => c.note(`[${n}/${total}] ${step}`),
    }),
  );
  c.result(
    { plan, done, issuedTokens: issued.json() },
    () => `${planText(plan, 'did')}✓ ${done.length} step(s) done\n${issued.text()}`,
  );
}

/**
 * Runs an offboarding that fills `snapshot` in, then writes the snapshot (when anything moved or was removed) to
 * the snapshots folder and says where — also when it stopped part-way, and on Ctrl-C.
 */
async function keepingSnapshot<T>(c: CliContext, snapshot: OffboardingSnapshot, run: () => Promise<T>): Promise<T> {
  const save = async () => {
    const changed =
      snapshot.moved.length +
      snapshot.removedAccess.groups.length +
      snapshot.removedAccess.shares.length +
      snapshot.notUndone.length;
    if (changed === 0) return;
    const file = await saveOffboardingSnapshot(snapshot, join(adminDir(c.io.env), 'snapshots'));
    c.note(`the way back is in ${file} (undo: domo-admin restore ${file})`);
  };
  const interrupted = () => {
    c.note('\n! interrupted: the steps above are exact; the step in progress may have taken effect in part');
    void save().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    return await run();
  } finally {
    process.off('SIGINT', interrupted);
    await save();
  }
}

/** `offboard <user> --to …`: plans from a fresh read; saves it (`--out`), shows it (`--dry-run`) or confirms and runs it. */
async function planAndRun(c: CliContext, user: string, to: string, options: OffboardFlags): Promise<void> {
  const auth = await c.auth();
  const plan = await planOffboarding(auth, user, {
    to,
    deleteUser: Boolean(options.deleteUser),
    toContainerOwner: Boolean(options.toContainerOwner),
    endSessions: Boolean(options.endSessions),
    removeAccess: Boolean(options.removeAccess),
    tokens: tokensChoice(options),
    ...(options.fallbackTo === undefined ? {} : { fallbackTo: options.fallbackTo }),
  });
  if (options.out !== undefined) {
    c.result(
      { saved: options.out, plan },
      () => `${planText(plan, 'saved')}Saved to ${options.out}: apply it with offboard --plan ${options.out}\n`,
    );
    return writePlan(options.out, plan);
  }
  if (c.options.dryRun) return c.result({ dryRun: true, plan }, () => planText(plan, 'dry run'));
  await confirmPlan(c, plan);
  const snapshot = offboardingSnapshot(plan);
  const issued = new IssuedTokens();
  const done = await keepingSnapshot(c, snapshot, () =>
    executeOffboarding(auth, plan, {
      snapshot,
      onProgress: (n, total, step) => c.note(`[${n}/${total}] ${step}`),
      onTokenIssued: issued.add,
    }),
  );
  c.result(
    { plan, done, issuedTokens: issued.json() },
    () => `${planText(plan, 'did')}✓ ${done.length} step(s) done\n${issued.text()}`,
  );
}

/** What `--keep-tokens-for` and `--leave-tokens` choose. */
function tokensChoice(options: OffboardFlags): TokensChoice {
  if (options.keepTokensFor !== undefined && options.leaveTokens)
    throw new DomoInputError('--keep-tokens-for and --leave-tokens exclude each other', { field: 'tokens' });
  if (options.keepTokensFor !== undefined) return { reissueFor: options.keepTokensFor };
  return options.leaveTokens ? 'leave' : 'revoke';
}

/** The tokens an offboarding re-issued, values and all: printed once, on standard output, with the result. */
class IssuedTokens {
  readonly #tokens: DomoAccessToken[] = [];
  readonly add = (token: DomoAccessToken): void => {
    this.#tokens.push(token);
  };

  json(): NewAccessTokenJson[] {
    return this.#tokens.map((t) => ({ token: accessTokenJson(t), value: t.value!.reveal(), storedIn: null }));
  }

  text(): string {
    if (this.#tokens.length === 0) return '';
    const lines = this.#tokens.map(
      (t) => `  #${t.id} "${t.name}" for ${t.owner?.email ?? `user ${t.ownerId}`}: ${t.value!.reveal()}`,
    );
    return `New access token(s), shown this once (store them where the old ones were used):\n${lines.join('\n')}\n`;
  }
}

/** `domo-admin offboard <user> --to <user|group:Name> [--out plan.json] | offboard --plan plan.json` */
export function registerOffboard(program: Command, ctx: () => CliContext): void {
  program
    .command('offboard')
    .description(
      'hand over everything a user owns (credentials, groups, datasets, dataflows, cards, pages, apps, beast modes, …) to a user or group:<name>; --out saves the plan, --plan applies a saved one',
    )
    .argument('[user]', 'the leaving user: an id or email', userArgument('<user>'))
    .option(
      '--to <email|group:Name>',
      'the new owner: an active user, or a group',
      userArgument('--to', { groups: true }),
    )
    .option(
      '--fallback-to <user>',
      'who takes what a group cannot own (datasets, dataflows, beast modes, …) when --to is a group',
      userArgument('--fallback-to'),
    )
    .option(
      '--to-container-owner',
      "hand a dataflow to its output dataset's owner and a card to its page's owner (when a live user); the rest to --to",
    )
    .option(
      '--remove-access',
      "remove the user's group memberships and direct account/OAuth template shares after the hand-over",
    )
    .option('--end-sessions', "end the user's open sessions once everything is handed over (their tokens stop working)")
    .option(
      '--keep-tokens-for <user>',
      "re-issue the user's access tokens for this user (same names and expiry; values shown once), then revoke theirs",
      userArgument('--keep-tokens-for'),
    )
    .option('--leave-tokens', "leave the user's access tokens as they are (by default they are revoked)")
    .option('--delete-user', 'delete the user once everything is handed over')
    .option('--out <file>', 'write the plan to this file and change nothing (apply it later with --plan)')
    .option('--plan <file>', 'apply a plan saved with --out (refused if what the user owns changed since)')
    .action(async (user: string | undefined, options: OffboardFlags, command: Command) => {
      const c = ctx();
      if (options.plan !== undefined) {
        if (user !== undefined || options.to !== undefined || options.out !== undefined)
          command.error('--plan applies a saved plan: give no user, --to or --out with it', { exitCode: 2 });
        return applySaved(c, options.plan);
      }
      if (user === undefined || options.to === undefined)
        command.error('offboard needs the leaving <user> and --to (or --plan <file>)', { exitCode: 2 });
      return planAndRun(c, user, options.to, options);
    });
}

/**
 * `domo-admin restore <offboarding snapshot>`: plans the way back from a fresh read, shows it (what goes back, what
 * is left and why), asks, hands it back — each step read back.
 */
export async function restoreOffboardingFile(c: CliContext, auth: DomoAuth, text: string, file: string): Promise<void> {
  const snapshot = loadOffboardingSnapshot(text, { file });
  const plan = await planOffboardingRestore(auth, snapshot);
  const left = plan.left.length > 0 ? ['Left as it is:', ...plan.left.map((line) => `  ${line}`)] : [];
  const render = () =>
    [
      `Hand back to ${snapshot.user.name} <${snapshot.user.email}> what their offboarding moved (${file}):`,
      ...(plan.steps.length > 0 ? plan.steps.map((step, i) => `  ${i + 1}. ${step}`) : ['  nothing to hand back']),
      ...left,
      '',
    ].join('\n');
  if (c.options.dryRun || plan.steps.length === 0) return c.result({ dryRun: c.options.dryRun, plan }, render);
  if (!c.json && left.length > 0) c.note(left.join('\n'));
  await confirmWrite(c, {
    title: `restore the offboarding of ${snapshot.user.email}`,
    changes: plan.steps.map((step) => `~ ${step}`),
  });
  const { done } = await restoreOffboarding(auth, plan, {
    onProgress: (n, total, step) => c.note(`[${n}/${total}] ${step}`),
  });
  c.result(
    { plan, done },
    () => `✓ ${done.length} step(s) done: ${snapshot.user.email} has back what the offboarding moved\n`,
  );
}
