import type { Command } from 'commander';
import type { DomoAuth } from '../auth/base.js';
import type { DomoOwnedObjects } from '../classes/owned-objects.js';
import type { DomoOwnedObject } from '../classes/single-owner.js';
import { DomoUsers } from '../classes/user/users.js';
import { confirmWrite } from './confirm.js';
import type { CliContext } from './context.js';
import { changeJson, contentJson, userItem } from './kinds.js';
import { integerOption, userArgument } from './options.js';
import { formatTable, type Column } from './table.js';

/** What a single-owner family's command file says about it; the rest is the same for every such family. */
export interface OwnedFamilyCommand<E extends DomoOwnedObject> {
  /** The command (`dataflows`) and what one object is called (`dataflow`). */
  command: string;
  label: string;
  manager(auth: DomoAuth): DomoOwnedObjects<E>;
  /** Columns besides ID, NAME, OWNER and MODIFIED. */
  columns?: Column<E>[];
  /** Lines under the summary on `show`. */
  showLines?(thing: E): string[];
}

function table<E extends DomoOwnedObject>(family: OwnedFamilyCommand<E>, things: readonly E[]): string {
  return formatTable(
    things,
    [
      { header: 'ID', value: (t) => t.id },
      { header: 'NAME', value: (t) => t.name },
      { header: 'OWNER', value: (t) => t.ownerName ?? (t.ownerId === undefined ? '' : `user ${t.ownerId}`) },
      ...(family.columns ?? []),
      { header: 'MODIFIED', value: (t) => t.lastModified?.toISOString().slice(0, 10) },
    ],
    `(no ${family.command})`,
  );
}

function registerList<E extends DomoOwnedObject>(
  parent: Command,
  family: OwnedFamilyCommand<E>,
  ctx: () => CliContext,
) {
  parent
    .command('list')
    .description(`${family.command}, or every one a user owns (--owner: each row re-checked)`)
    .option('--owner <user>', `only the ${family.command} this user owns (id or email)`, userArgument('--owner'))
    .option('--text <text>', `only ${family.command} whose name matches`)
    .option('--limit <n>', 'at most this many', integerOption('--limit', 1))
    .action(async (options: { owner?: string; text?: string; limit?: number }) => {
      const c = ctx();
      const manager = family.manager(await c.auth());
      let list: E[] = [];
      if (options.owner !== undefined) list = await manager.ownedBy(options.owner);
      else
        for await (const thing of manager.list(options.text === undefined ? {} : { text: options.text })) {
          list.push(thing);
          if (options.limit !== undefined && list.length >= options.limit) break;
        }
      if (options.limit !== undefined) list = list.slice(0, options.limit);
      c.list(
        list.map((t) => contentJson(t)),
        () => table(family, list),
      );
    });
}

function registerShow<E extends DomoOwnedObject>(
  parent: Command,
  family: OwnedFamilyCommand<E>,
  ctx: () => CliContext,
) {
  parent
    .command(`show <${family.label.replace(/\s+/g, '-')}>`)
    .description(`one ${family.label} (id or exact name) with its owner, read from the ${family.label} itself`)
    .action(async (ref: string) => {
      const c = ctx();
      const thing = await family.manager(await c.auth()).get(ref);
      c.result(contentJson(thing), () => [thing.summary(), ...(family.showLines?.(thing) ?? [])].join('\n'));
    });
}

function registerTransfer<E extends DomoOwnedObject>(
  parent: Command,
  family: OwnedFamilyCommand<E>,
  ctx: () => CliContext,
) {
  parent
    .command(`transfer <${family.command}...>`)
    .description(`make a user the owner of ${family.command} (ids or exact names); each is read back (asks first)`)
    .requiredOption('--to <user>', 'the new owner (id or email)', userArgument('--to'))
    .action(async (refs: string[], options: { to: string }) => {
      const c = ctx();
      const auth = await c.auth();
      const manager = family.manager(auth);
      const [found, [to]] = await Promise.all([manager.resolve(refs), new DomoUsers(auth).resolve([options.to])]);
      const moving = found.filter((t) => t.ownerId !== to!.id);
      await confirmWrite(c, {
        title: `${moving.length} ${family.label}(s) to ${to!.email}`,
        changes: moving.map(
          (t) => `~ ${JSON.stringify(t.name)}: owner ${t.ownerName ?? t.ownerId ?? '?'} → ${to!.email}`,
        ),
      });
      const result = await manager.transfer(found, to!.id);
      const type =
        (found[0]?.constructor as unknown as { family: { kind: string } } | undefined)?.family.kind ?? family.label;
      const changes = result.moved.map((m) => {
        const before = found.find((t) => t.id === m.id);
        const from =
          m.from === undefined ? [] : [userItem({ id: m.from, displayName: before?.ownerName ?? null }, 'owner')];
        return changeJson({ type, id: m.id, name: m.name }, [userItem(to!, 'owner')], from);
      });
      c.list(
        changes,
        () =>
          `✓ ${result.moved.length} ${family.label}(s) now owned by ${to!.email} (each read back)${result.unchanged.length ? `; ${result.unchanged.length} already were` : ''}\n`,
      );
    });
}

/** `domo-admin <family> list|show|transfer` for a family whose objects exactly one user owns. */
export function registerOwnedFamily<E extends DomoOwnedObject>(
  program: Command,
  ctx: () => CliContext,
  family: OwnedFamilyCommand<E>,
): void {
  const parent = program.command(family.command).description(`${family.command}: list, show, transfer`);
  registerList(parent, family, ctx);
  registerShow(parent, family, ctx);
  registerTransfer(parent, family, ctx);
}
