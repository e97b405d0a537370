import type { Command } from 'commander';
import { csv } from '../../audit/csv.js';
import { OWNED_KEYS, OWNED_KIND, OWNED_LABEL, ownedThings, type OwnedByUser } from '../../classes/ownership.js';
import { DomoUsers } from '../../classes/user/users.js';
import type { CliContext } from '../context.js';
import { userArgument } from '../options.js';
import { formatTable } from '../table.js';

/** The types `owned()` discovers, in the order they are shown: every one offboarding moves. */
const TYPES = OWNED_KEYS;
/** "OAuth templates", "beast modes": a type as the table names it. */
const typeLabel = (type: (typeof TYPES)[number]) => `${OWNED_LABEL[OWNED_KIND[type]]}s`;

function ownedText(who: string, owned: OwnedByUser): string {
  const counts = formatTable(
    TYPES.map((type) => ({ type, count: owned[type].length, discovery: owned.discovery?.[type] })),
    [
      { header: 'TYPE', value: (r) => typeLabel(r.type) },
      { header: 'OWNED', value: (r) => r.count, right: true },
      {
        header: 'DISCOVERY',
        value: (r) => (r.discovery?.exhaustive ? 'exhaustive' : `limited: ${r.discovery?.note ?? '?'}`),
      },
    ],
  );
  const things = ownedThings(owned);
  const list = formatTable(
    things,
    [
      { header: 'TYPE', value: (t) => OWNED_LABEL[t.kind] },
      { header: 'ID', value: (t) => t.id },
      { header: 'NAME', value: (t) => t.name },
    ],
    '(owns nothing)',
  );
  return `${who} owns ${things.length} thing(s):\n${counts}\n${list}`;
}

/** `domo-admin owned <user>`: everything a user owns, by type, and how complete each type's discovery is. */
export function registerOwned(program: Command, ctx: () => CliContext): void {
  program
    .command('owned')
    .description(
      'everything a user owns, by type (what offboarding would move); exit 3 when a type could not be seen whole',
    )
    .argument('<user>', 'a user id or email', userArgument('<user>'))
    .option('--csv', 'CSV on stdout: type, id, name (one row per thing)')
    .option('--allow-incomplete', 'exit 0 even when a type could not be seen whole')
    .action(async (ref: string, options: { csv?: boolean; allowIncomplete?: boolean }) => {
      const c = ctx();
      const [user] = await new DomoUsers(await c.auth()).resolve([ref]);
      const owned = await user!.owned();
      // Exit 3 when running it with more rights would see more; what Domo's API cannot list is said, not failed on.
      const limited = TYPES.filter((type) => owned.discovery?.[type]?.exhaustive !== true);
      const byCaller = limited.filter((type) => owned.discovery?.[type]?.limit !== 'api');
      const byApi = limited.filter((type) => owned.discovery?.[type]?.limit === 'api');
      const say = (types: readonly (typeof TYPES)[number][]) =>
        types.map((t) => `${typeLabel(t)} (${owned.discovery?.[t]?.note ?? 'unknown'})`).join('; ');
      if (byApi.length > 0) c.note(`! as far as Domo's API lists them: ${say(byApi)}`);
      if (byCaller.length > 0) {
        c.note(`! not seen whole: ${say(byCaller)}`);
        if (!options.allowIncomplete) c.exitCode = 3;
      }
      if (options.csv && !c.json)
        return c.data(
          owned,
          csv(
            ['type', 'id', 'name'],
            ownedThings(owned).map((t) => [t.kind, t.id, t.name]),
          ),
        );
      c.result(owned, () => ownedText(`${user!.displayName} <${user!.email}>`, owned));
    });
}
