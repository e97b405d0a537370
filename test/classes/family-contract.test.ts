// The family contract (docs/families.md), asserted for every family: its four parts are where the contract puts
// them, its manager speaks the one API (get by id or name, the one list type, resolve with close matches, create),
// and its membership or share methods return the one change report. A family added to FAMILIES that skips a part
// fails here; a family left out of FAMILIES fails the last test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DomoAccessTokens,
  DomoActivityLog,
  DomoSessions,
  DomoApiClients,
  DomoAccounts,
  DomoCards,
  DomoDashboards,
  DomoDataflows,
  DomoBeastModes,
  DomoAppDbCollections,
  DomoAlerts,
  DomoReportSchedules,
  DomoApps,
  DomoWorkflows,
  DomoCodeEnginePackages,
  DomoJupyterWorkspaces,
  DomoFilesets,
  DomoDatasets,
  DomoGrants,
  DomoGroups,
  DomoList,
  DomoNotFoundError,
  DomoOAuthAccounts,
  DomoPage,
  DomoRoles,
  DomoUsers,
  type DomoAuth,
} from '../../src/index.js';
import type { SandboxState } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 20, accounts: 4 });

interface Family {
  name: string;
  manager: (auth: DomoAuth) => object;
  /** Folders and files of its four parts. */
  routes: string;
  classes: string;
  sandbox: string;
  handlers: string;
  cli: string;
  /** The sandbox's collection of it. */
  state: (state: SandboxState) => Map<unknown, unknown>;
  /** How a person names one: a name one letter off an existing one, and that one. */
  misspelt: string;
  close: string;
  /** Managers of Domo's own catalogues (grants) cannot create. */
  creates: boolean;
  /** Exact lookups by what people name it with (a name; an email for users). */
  lookups?: string[];
  /** The key of an entity's name, to check `get(name)` finds the same entity as `get(id)`. */
  nameOf: (entity: never) => string;
  /**
   * A log, not a collection (the activity log): its manager reads events over a window (`events`, `history`,
   * `lastSeen`, `objectTypes`) instead of getting, listing and resolving entities.
   */
  log?: true;
}

const FAMILIES: Family[] = [
  {
    name: 'roles',
    manager: (auth) => new DomoRoles(auth),
    ...parts('role', 'roles'),
    state: (s) => s.roles,
    misspelt: 'Editr',
    close: 'Editor',
    creates: true,
    nameOf: (r: { name: string }) => r.name,
  },
  {
    name: 'grants',
    manager: (auth) => new DomoGrants(auth),
    ...parts('role', 'roles'),
    state: (s) => s.authorities,
    misspelt: 'dataset.manag',
    close: 'dataset.manage',
    creates: false,
    nameOf: (g: { id: string }) => g.id,
  },
  {
    name: 'accounts',
    manager: (auth) => new DomoAccounts(auth),
    ...parts('account', 'accounts'),
    state: (s) => s.accounts,
    misspelt: 'domo_cred',
    close: 'domo_creds',
    creates: true,
    nameOf: (a: { displayName: string }) => a.displayName,
  },
  {
    name: 'OAuth templates',
    manager: (auth) => new DomoOAuthAccounts(auth),
    ...parts('account', 'accounts'),
    handlers: 'src/sandbox/handlers/templates.ts',
    state: (s) => s.templates,
    misspelt: '',
    close: '',
    creates: true,
    nameOf: (t: { displayName: string }) => t.displayName,
  },
  {
    name: 'groups',
    manager: (auth) => new DomoGroups(auth),
    ...parts('group', 'groups'),
    state: (s) => s.groups,
    misspelt: 'Financ',
    close: 'Finance',
    creates: true,
    nameOf: (g: { name: string }) => g.name,
  },
  {
    name: 'datasets',
    manager: (auth) => new DomoDatasets(auth),
    ...parts('dataset', 'datasets'),
    state: (s) => s.datasets,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (d: { name: string }) => d.name,
  },
  {
    name: 'cards',
    manager: (auth) => new DomoCards(auth),
    ...parts('card', 'cards'),
    state: (s) => s.cards,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (c: { title: string }) => c.title,
  },
  {
    name: 'dataflows',
    manager: (auth) => new DomoDataflows(auth),
    ...parts('dataflow', 'dataflows'),
    state: (s) => s.dataflows,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (f: { name: string }) => f.name,
  },
  {
    name: 'beast modes',
    manager: (auth) => new DomoBeastModes(auth),
    ...parts('beast-mode', 'beast-modes'),
    state: (s) => s.beastModes,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (b: { name: string }) => b.name,
  },
  {
    name: 'AppDB collections',
    manager: (auth) => new DomoAppDbCollections(auth),
    ...parts('appdb', 'appdb'),
    state: (s) => s.appDbCollections,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (c: { name: string }) => c.name,
  },
  {
    name: 'access tokens',
    manager: (auth) => new DomoAccessTokens(auth),
    ...parts('access-token', 'access-tokens'),
    state: (s) => s.accessTokens,
    misspelt: '',
    close: '',
    // A token's value exists only when it is created: an upsert could not hand back a usable one.
    creates: false,
    nameOf: (t: { name: string }) => t.name,
  },
  {
    name: 'API clients',
    manager: (auth) => new DomoApiClients(auth),
    ...parts('api-client', 'api-clients'),
    state: (s) => s.apiClients,
    misspelt: '',
    close: '',
    // The sources disagree on how one is created (domo-api-admin.md §5): no create.
    creates: false,
    nameOf: (c: { name: string }) => c.name,
  },
  {
    name: 'sessions',
    manager: (auth) => new DomoSessions(auth),
    ...parts('session', 'sessions'),
    state: (s) => s.sessionRecords,
    misspelt: 'no-such-session',
    close: '',
    // Sessions are opened by signing in, not made by an admin; they have no names (their ids are what is given).
    creates: false,
    lookups: ['ofUser', 'endFor'],
    nameOf: (x: { id: string }) => x.id,
  },
  {
    name: 'activity log',
    manager: (auth) => new DomoActivityLog(auth),
    ...parts('activity', 'activity'),
    state: (s) => new Map([...s.activity.all()].entries()),
    misspelt: '',
    close: '',
    creates: false,
    lookups: ['events', 'history', 'lastSeen', 'objectTypes'],
    nameOf: () => '',
    log: true,
  },
  {
    name: 'alerts',
    manager: (auth) => new DomoAlerts(auth),
    ...parts('alert', 'alerts'),
    state: (s) => s.alerts,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (a: { name: string }) => a.name,
  },
  {
    name: 'scheduled reports',
    manager: (auth) => new DomoReportSchedules(auth),
    ...parts('report-schedule', 'report-schedules'),
    state: (s) => s.reportSchedules,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (x: { name: string }) => x.name,
  },
  {
    name: 'workflows',
    manager: (auth) => new DomoWorkflows(auth),
    ...parts('workflow', 'workflows'),
    state: (s) => s.workflows,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (x: { name: string }) => x.name,
  },
  {
    name: 'Code Engine packages',
    manager: (auth) => new DomoCodeEnginePackages(auth),
    ...parts('codeengine', 'codeengine'),
    state: (s) => s.codePackages,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (x: { name: string }) => x.name,
  },
  {
    name: 'Jupyter workspaces',
    manager: (auth) => new DomoJupyterWorkspaces(auth),
    ...parts('jupyter', 'jupyter'),
    state: (s) => s.jupyterWorkspaces,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (x: { name: string }) => x.name,
  },
  {
    name: 'filesets',
    manager: (auth) => new DomoFilesets(auth),
    ...parts('fileset', 'filesets'),
    state: (s) => s.filesets,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (x: { name: string }) => x.name,
  },
  {
    name: 'apps',
    manager: (auth) => new DomoApps(auth),
    ...parts('app', 'apps'),
    state: (s) => s.apps,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (a: { title: string }) => a.title,
  },
  {
    name: 'pages',
    manager: (auth) => new DomoDashboards(auth),
    ...parts('page', 'pages'),
    state: (s) => s.pages,
    misspelt: '',
    close: '',
    creates: false,
    nameOf: (p: { title: string }) => p.title,
  },
  {
    name: 'users',
    manager: (auth) => new DomoUsers(auth),
    ...parts('user', 'users'),
    state: (s) => s.users,
    misspelt: 'nobody@sandbox.example',
    close: '',
    creates: true,
    lookups: ['findByEmail', 'getByEmail'],
    nameOf: (u: { email: string }) => u.email,
  },
];

function parts(folder: string, file: string) {
  return {
    routes: `src/routes/${folder}`,
    classes: `src/classes/${folder}`,
    sandbox: `src/sandbox/domain/${file}.ts`,
    handlers: `src/sandbox/handlers/${file}.ts`,
    cli: `src/cli/commands/${file}.ts`,
  };
}

type Manager = {
  get: (ref: unknown) => Promise<{ id: unknown }>;
  list: () => DomoList<{ id: unknown }>;
  resolve: (refs: unknown[]) => Promise<{ id: unknown }[]>;
} & Record<string, unknown>;

describe.each(FAMILIES)('the $name family', (family) => {
  const manager = () => family.manager(sb.auth) as Manager;

  it('has its four parts where the contract puts them', () => {
    for (const path of [family.routes, family.classes, family.sandbox, family.handlers, family.cli])
      expect(existsSync(path), path).toBe(true);
    expect(existsSync(`${family.routes}/schemas.ts`), 'routes/<family>/schemas.ts').toBe(true);
    expect(family.state(sb.state).size, 'the sandbox seeds it').toBeGreaterThan(0);
  });

  it('speaks the one manager API', () => {
    const methods = [
      ...(family.log ? [] : ['get', 'list', 'resolve']),
      ...(family.lookups ?? ['findByName', 'getByName']),
    ];
    if (family.creates) methods.push('create', 'upsert');
    for (const method of methods) expect(typeof manager()[method], `${family.name}.${method}`).toBe('function');
  });

  it.skipIf(family.log)(
    'lists with the one list type: awaitable for a page, for-await for every item, with failed',
    async () => {
      const list = manager().list();
      expect(list).toBeInstanceOf(DomoList);
      const page = await list;
      expect(page).toBeInstanceOf(DomoPage);
      expect(Array.isArray(page.failed)).toBe(true);
      expect(page.length).toBeGreaterThan(0);
      const streamed: unknown[] = [];
      for await (const item of manager().list()) streamed.push(item.id);
      expect(streamed.slice(0, page.length)).toEqual(page.map((item) => item.id));
      expect(await manager().list().toArray({ max: 100_000 })).toHaveLength(streamed.length);
    },
  );

  it.skipIf(family.log)('gets one by id and by name, the same entity', async () => {
    const [first] = await manager().list();
    const byId = await manager().get(first!.id);
    const byName = await manager().get(family.nameOf(first as never));
    expect(byName.id).toBe(byId.id);
    expect(byId.id).toBe(first!.id);
  });

  it.skipIf(family.log)(
    `resolve reports every unknown reference at once${family.close ? ', with close matches' : ''}`,
    async () => {
      const [first] = await manager().list();
      const misspelt = family.misspelt || family.nameOf(first as never).slice(0, -1);
      const close = family.close || (family.misspelt ? '' : family.nameOf(first as never));
      const error = (await manager()
        .resolve([misspelt, `${misspelt}-also-unknown`])
        .catch((e: unknown) => e)) as DomoNotFoundError;
      expect(error).toBeInstanceOf(DomoNotFoundError);
      expect(error.message).toContain(misspelt);
      expect(error.message).toContain(`${misspelt}-also-unknown`);
      if (close) expect(error.message).toContain(`did you mean ${JSON.stringify(close)}`);
    },
  );
});

/** A report's shape: exactly `{ added, removed }`, two arrays. */
function expectReport(report: unknown): void {
  expect(Object.keys(report as object).sort()).toEqual(['added', 'removed']);
  const { added, removed } = report as { added: unknown; removed: unknown };
  expect(Array.isArray(added) && Array.isArray(removed)).toBe(true);
}

describe('membership and share methods return the one change report', () => {
  const liveUser = () =>
    [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.emailAddress.includes('_deleted_'))!;

  it('roles: addMembers, removeMembers', async () => {
    const role = await new DomoRoles(sb.auth).get('Editor');
    const user = liveUser();
    const added = await role.addMembers([user.id]);
    expectReport(added);
    expect(added.added).toEqual([user.id]);
    const removed = await role.removeMembers([user.emailAddress], { toRoleId: 4 });
    expectReport(removed);
    expect(removed.removed).toEqual([user.id]);
  });

  it('groups: addMembers, removeMembers, addOwners, removeOwners', async () => {
    const group = (await new DomoGroups(sb.auth).list()).find((g) => !g.isManaged)!;
    const user = liveUser();
    for (const report of [
      await group.addMembers([user.id]),
      await group.removeMembers([user.id]),
      await group.addOwners([user.id]),
      await group.removeOwners([user.id]),
    ])
      expectReport(report);
  });

  it('accounts and OAuth templates: share, unshare', async () => {
    const user = liveUser();
    for (const entity of [
      (await new DomoAccounts(sb.auth).list())[0]!,
      (await new DomoOAuthAccounts(sb.auth).list())[0]!,
    ]) {
      const shared = await entity.share({ userId: user.id });
      expectReport(shared);
      expect(shared.added).toEqual([{ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' }]);
      expectReport(await entity.unshare({ userId: user.id }));
    }
  });
});

describe('references', () => {
  it('groups resolve group:<name> as the CLI and specs write it', async () => {
    const [finance] = await new DomoGroups(sb.auth).resolve(['group:finance']);
    expect(finance!.name).toBe('Finance');
  });
});

describe('the contract covers every family', () => {
  it('every routes folder is a family in the table', () => {
    const folders = readdirSync('src/routes', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'internal')
      .map((entry) => `src/routes/${entry.name}`);
    expect(new Set(FAMILIES.map((f) => f.routes))).toEqual(new Set(folders));
  });

  it('every route that sends a request says its endpoint in its TSDoc', () => {
    const missing: string[] = [];
    for (const folder of new Set(FAMILIES.map((f) => f.routes)))
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
        const text = readFileSync(`${folder}/${file}`, 'utf8');
        const functions = text.split(/\n(?=\/\*\*)/);
        for (const chunk of functions) {
          const name = /^export async function\*? (\w+)/m.exec(chunk)?.[1];
          if (name && chunk.includes('transport.request(') && !/Endpoint: `/.test(chunk))
            missing.push(`${folder}/${file} ${name}`);
        }
      }
    expect(missing).toEqual([]);
  });
});
