import type {
  SandboxApp,
  SandboxCodePackage,
  SandboxUuidOwned,
  SandboxWorkflow,
  SandboxAlert,
  SandboxAppDbCollection,
  SandboxBeastMode,
  SandboxCard,
  SandboxDataflow,
  SandboxDataset,
  SandboxOwned,
  SandboxPage,
  SandboxPrincipal,
  SandboxReportSchedule,
} from './model.js';
import type { SandboxState } from './state.js';

/** A UUID from the content generator (the same seed gives the same ids). */
export function contentUuid(state: SandboxState): string {
  const hex = state.contentRandom.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const SUBJECTS = ['Sales', 'Pipeline', 'Finance', 'Marketing', 'Support', 'Inventory', 'HR', 'Web', 'Billing', 'Ops'];
const SHAPES = ['daily', 'by region', 'snapshot', 'raw', 'clean', 'forecast', 'targets', 'history'];

/**
 * Datasets: a few users own a realistic mix (the admin most, then the first four seeded users, one of whom owns a
 * dozen: a leaver to offboard); about half were loaded with a credential account (so an account can say which
 * datasets use it); a third are shared with a group or a user.
 */
export function seedDatasets(state: SandboxState, count: number): void {
  const random = state.contentRandom;
  const users = [...state.users.values()].filter((u) => !u.deleted && !u.locked);
  const others = users.filter((u) => u.id !== state.adminUserId);
  // The 20th to 23rd users (the first ones are what older tests set up by hand); the last four in a small sandbox.
  const pool = others.length >= 24 ? others.slice(20, 24) : others.slice(-4);
  const owners = [state.adminUserId, ...pool.map((u) => u.id)];
  const accounts = [...state.accounts.values()];
  const groups = [...state.groups.keys()];
  for (let n = 0; n < count; n += 1) {
    const account = n % 2 === 0 && accounts.length > 0 ? accounts[n % accounts.length]! : undefined;
    const created = Date.UTC(2021, 0, 1) + n * 86_400_000;
    const dataset: SandboxDataset = {
      id: contentUuid(state),
      name: `${SUBJECTS[n % SUBJECTS.length]} ${SHAPES[(n * 3) % SHAPES.length]}${n >= 40 ? ` ${n}` : ''}`,
      description: '',
      ownerId: owners[n % 3 === 0 ? 2 : n % owners.length]!,
      accountId: account?.id ?? null,
      dataProviderType: account?.dataProviderType ?? (n % 4 === 1 ? 'dataflow' : 'file-upload'),
      rowCount: random.int(10, 2_000_000),
      columnCount: random.int(3, 60),
      createdAt: created,
      lastUpdated: created + random.int(1, 400) * 86_400_000,
      shares: [],
      indexedOwnerId: 0,
      ownerChangedAt: 0,
    };
    dataset.indexedOwnerId = dataset.ownerId;
    if (n % 3 === 1 && groups.length > 0)
      dataset.shares.push({ type: 'GROUP', id: groups[n % groups.length]!, accessLevel: 'CAN_VIEW' });
    if (n % 5 === 2)
      dataset.shares.push({ type: 'USER', id: owners[(n + 1) % owners.length]!, accessLevel: 'CAN_EDIT' });
    state.datasets.set(dataset.id, dataset);
  }
}

const CARD_KINDS = ['by month', 'top 10', 'trend', 'total', 'by region', 'table'];

/**
 * Cards built on the seeded datasets: each owned by its dataset's owner, every fifth also by a group (cards may
 * have several owners, users and groups alike).
 */
export function seedCards(state: SandboxState, count: number): void {
  const datasets = [...state.datasets.values()];
  const groups = [...state.groups.values()].filter((g) => g.type !== 'system');
  if (datasets.length === 0) return;
  for (let n = 0; n < count; n += 1) {
    const dataset = datasets[n % datasets.length]!;
    const owners: SandboxCard['owners'] = [{ type: 'USER', id: dataset.ownerId }];
    if (n % 5 === 4 && groups.length > 0) owners.push({ type: 'GROUP', id: groups[n % groups.length]!.id });
    const created = dataset.createdAt + (n + 1) * 3_600_000;
    const card: SandboxCard = {
      id: 1_000_000_000 + n * 7 + 1,
      title: `${dataset.name} ${CARD_KINDS[n % CARD_KINDS.length]}`,
      type: 'kpi',
      owners,
      pageId: null,
      datasetIds: [dataset.id],
      createdAt: created,
      lastModified: created + state.contentRandom.int(1, 90) * 86_400_000,
      indexedOwners: owners.map((o) => ({ ...o })),
      ownerChangedAt: 0,
    };
    state.cards.set(card.id, card);
  }
}

/** Pages: each holds four cards (their container) and is owned by the owner of its first card; every third is a subpage. */
export function seedPages(state: SandboxState, count: number): void {
  const cards = [...state.cards.values()];
  for (let n = 0; n < count && n * 4 < cards.length; n += 1) {
    const held = cards.slice(n * 4, n * 4 + 4);
    const page: SandboxPage = {
      id: 500_000_000 + n * 11 + 3,
      title: `${held[0]!.title.split(' ').slice(0, 2).join(' ')} overview ${n + 1}`,
      owners: held[0]!.owners.filter((o) => o.type === 'USER').map((o) => ({ ...o })),
      parentPageId: n % 3 === 2 ? 500_000_003 : null,
      cardIds: held.map((c) => c.id),
      createdAt: held[0]!.createdAt,
    };
    for (const card of held) card.pageId = page.id;
    state.pages.set(page.id, page);
  }
}

/** The users who own seeded content: the admin, then four seeded users (the 20th to 23rd; the last four in a small sandbox). */
export function contentOwners(state: SandboxState): number[] {
  const others = [...state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state.adminUserId);
  const pool = others.length >= 24 ? others.slice(20, 24) : others.slice(-4);
  return [state.adminUserId, ...pool.map((u) => u.id)];
}

/** The fields every single-owner object starts with: its owner, as the search index also shows it, and its times. */
export function ownedBase(state: SandboxState, n: number, ownerId: number): Omit<SandboxOwned, 'id' | 'name'> {
  const created = Date.UTC(2022, 0, 1) + n * 86_400_000;
  return {
    ownerId,
    createdAt: created,
    lastModified: created + state.contentRandom.int(1, 300) * 86_400_000,
    indexedOwnerId: ownerId,
    ownerChangedAt: 0,
  };
}

/**
 * Dataflows: each writes one or two datasets and reads two others. Most are owned by the owner of what they write
 * (their container owner); every third by another content owner, so that handing each to its container's owner
 * differs from handing all to one user. The last one is deleted (Domo still answers for it, with `deleted: true`).
 */
export function seedDataflows(state: SandboxState, count: number): void {
  const datasets = [...state.datasets.values()];
  const owners = contentOwners(state);
  if (datasets.length < 3) return;
  const taken = new Set<string>();
  for (let n = 0; n < count; n += 1) {
    const output = datasets[(n * 5) % datasets.length]!;
    const ownerId = n % 3 === 2 ? owners[(n + 2) % owners.length]! : output.ownerId;
    const flow: SandboxDataflow = {
      id: 7_000 + n * 3 + 1,
      name: uniqueName(`${output.name} ETL`, taken),
      ...ownedBase(state, n, ownerId),
      inputIds: [datasets[(n * 5 + 1) % datasets.length]!.id, datasets[(n * 5 + 2) % datasets.length]!.id],
      outputIds: [output.id],
      databaseType: n % 4 === 3 ? 'MYSQL' : 'MAGIC',
      deleted: count > 1 && n === count - 1,
    };
    state.dataflows.set(flow.id, flow);
  }
}

/** `name`, or `name 2`, `name 3`, … when taken; the one chosen is added to `taken`. */
function uniqueName(name: string, taken: Set<string>): string {
  let chosen = name;
  for (let n = 2; taken.has(chosen.toLowerCase()); n += 1) chosen = `${name} ${n}`;
  taken.add(chosen.toLowerCase());
  return chosen;
}

const FORMULAS: [string, string][] = [
  ['Average Order', 'SUM(`Revenue`) / COUNT(`Order Id`)'],
  ['Profit Margin', 'SUM(`Profit`) / SUM(`Revenue`)'],
  ['YoY Growth', '(SUM(`This Year`) - SUM(`Last Year`)) / SUM(`Last Year`)'],
  ['Running Total', 'SUM(SUM(`Amount`)) OVER (ORDER BY `Date`)'],
];

/**
 * Beast modes: a few formulas repeated across datasets, one of them under the same name everywhere (as happens in
 * practice: the search sorted by name then orders those differently on every request), each attached to its dataset and sometimes a
 * card; every seventh is a variable. Owned like the dataset they sit on, every fourth by another content owner.
 */
export function seedBeastModes(state: SandboxState, count: number): void {
  const datasets = [...state.datasets.values()];
  const cards = [...state.cards.values()];
  const owners = contentOwners(state);
  if (datasets.length === 0) return;
  const taken = new Set<string>();
  for (let n = 0; n < count; n += 1) {
    const dataset = datasets[(n * 3) % datasets.length]!;
    const [formula, expression] = FORMULAS[n % FORMULAS.length]!;
    // "Profit Margin" is everywhere under that one name; the others name their dataset.
    const name = formula === 'Profit Margin' ? formula : uniqueName(`${formula} (${dataset.name})`, taken);
    const card = cards.find((c) => c.datasetIds.includes(dataset.id));
    const beastMode: SandboxBeastMode = {
      id: 300 + n * 2 + 1,
      name,
      ...ownedBase(state, n, n % 4 === 3 ? owners[(n + 1) % owners.length]! : dataset.ownerId),
      expression,
      global: n % 7 === 6,
      links: [
        { resource: { type: 'DATA_SOURCE', id: dataset.id }, visible: true, active: true },
        ...(card && n % 2 === 0
          ? [{ resource: { type: 'CARD' as const, id: String(card.id) }, visible: false, active: true }]
          : []),
      ],
    };
    state.beastModes.set(beastMode.id, beastMode);
  }
}

const STORES = ['Survey app', 'Field notes', 'Planner'];
const COLLECTIONS = ['answers', 'drafts', 'settings', 'comments', 'audit'];

/** AppDB: three datastores (an app's store each), their collections owned by the content owners. */
export function seedAppDb(state: SandboxState, count: number): void {
  const owners = contentOwners(state);
  const stores = STORES.map((name, n) => ({ id: contentUuid(state), name, ownerId: owners[n % owners.length]! }));
  if (count > 0) for (const store of stores) state.datastores.set(store.id, store);
  for (let n = 0; n < count; n += 1) {
    const store = stores[n % stores.length]!;
    const collection: SandboxAppDbCollection = {
      id: contentUuid(state),
      name: `${store.name} ${COLLECTIONS[n % COLLECTIONS.length]}${n >= 15 ? ` ${n}` : ''}`,
      ...ownedBase(state, n, n % 2 === 0 ? store.ownerId : owners[(n + 1) % owners.length]!),
      datastoreId: store.id,
    };
    state.appDbCollections.set(collection.id, collection);
  }
}

/** Alerts: on the seeded cards, each owned by its card's first user owner; every fifth inactive. */
export function seedAlerts(state: SandboxState, count: number): void {
  const cards = [...state.cards.values()];
  if (cards.length === 0) return;
  for (let n = 0; n < count; n += 1) {
    const card = cards[(n * 3) % cards.length]!;
    const owner = card.owners.find((o) => o.type === 'USER')?.id ?? state.adminUserId;
    const alert: SandboxAlert = {
      id: 5_000 + n * 4 + 2,
      name: `${card.title} ${n % 2 === 0 ? 'drops' : 'rises'}${n >= cards.length / 3 ? ` ${n}` : ''}`,
      ...ownedBase(state, n, owner),
      cardId: card.id,
      active: n % 5 !== 4,
    };
    state.alerts.set(alert.id, alert);
  }
}

const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'];

/**
 * Scheduled reports: most of a page, owned by the page's first user owner; every fourth of a single card (which the
 * page-by-page discovery cannot find), every fifth disabled.
 */
export function seedReportSchedules(state: SandboxState, count: number): void {
  const pages = [...state.pages.values()];
  const cards = [...state.cards.values()];
  if (pages.length === 0 || cards.length === 0) return;
  for (let n = 0; n < count; n += 1) {
    const ofCard = n % 4 === 3;
    const page = pages[n % pages.length]!;
    const card = cards[(n * 7) % cards.length]!;
    const owners = ofCard ? card.owners : page.owners;
    const owner = owners.find((o) => o.type === 'USER')?.id ?? state.adminUserId;
    const title = ofCard ? card.title : page.title;
    const report: SandboxReportSchedule = {
      id: 40_000 + n * 3 + 1,
      name: `${title} ${FREQUENCIES[n % 3]!.toLowerCase()}`,
      ...ownedBase(state, n, owner),
      subject: `${title}: your ${FREQUENCIES[n % 3]!.toLowerCase()} report`,
      pageId: ofCard ? 0 : page.id,
      cardId: ofCard ? card.id : 0,
      viewId: 70_000 + n,
      attachmentInclude: n % 2 === 0,
      schedule: {
        frequency: FREQUENCIES[n % 3]!,
        daysToRun: n % 3 === 1 ? '1' : '1,2,3,4,5',
        hourOfDay: 7 + (n % 5),
        minOfHour: 0,
        timezone: 'America/Denver',
        enabled: n % 5 !== 4,
        additionalRecipients: [{ type: 'USER', value: String(owner) }],
      },
    };
    state.reportSchedules.set(report.id, report);
  }
}

const WORKSPACES = ['Churn model', 'Forecast notebook', 'Data quality checks', 'Pricing study'];
const FILESETS = ['Contracts', 'Invoices', 'Brand assets', 'Training videos'];
const PACKAGES = ['Account rotation', 'Slack notifier', 'Data validation', 'CRM sync'];
const WORKFLOWS = ['Onboarding', 'Access request', 'Invoice approval', 'Incident triage'];

/** `count` objects named from `names` (numbered after the first round), owned in turn by the content owners. */
function seedUuidOwned<T extends SandboxUuidOwned>(
  state: SandboxState,
  into: Map<string, T>,
  names: readonly string[],
  count: number,
  extra: (n: number) => Omit<T, keyof SandboxUuidOwned>,
): void {
  const owners = contentOwners(state);
  for (let n = 0; n < count; n += 1) {
    const name = `${names[n % names.length]}${n >= names.length ? ` ${Math.floor(n / names.length) + 1}` : ''}`;
    const thing = {
      id: contentUuid(state),
      name,
      ...ownedBase(state, n, owners[(n * 2) % owners.length]!),
      ...extra(n),
    };
    into.set(thing.id, thing as T);
  }
}

/** Jupyter workspaces, filesets, Code Engine packages and workflows, `count` of each. */
export function seedOtherContent(state: SandboxState, count: number): void {
  seedUuidOwned(state, state.jupyterWorkspaces, WORKSPACES, count, () => ({}));
  seedUuidOwned(state, state.filesets, FILESETS, count, () => ({}));
  seedUuidOwned<SandboxCodePackage>(state, state.codePackages, PACKAGES, count, (n) => ({
    language: n % 3 === 2 ? 'PYTHON' : 'JAVASCRIPT',
  }));
  seedUuidOwned<SandboxWorkflow>(state, state.workflows, WORKFLOWS, count, (n) => ({
    description: '',
    steps: ['start', n % 2 === 0 ? 'approve' : 'notify', 'end'],
  }));
}

const APPS = ['Sales cockpit', 'Support desk', 'Finance close', 'Field ops', 'Hiring tracker'];

/** App Studio apps, owned by the content owners; every third with a group as co-owner, every other shared with one. */
export function seedApps(state: SandboxState, count: number): void {
  const owners = contentOwners(state);
  const groups = [...state.groups.values()].filter((g) => g.type !== 'system');
  for (let n = 0; n < count; n += 1) {
    const app: SandboxApp = {
      id: 900 + n * 5 + 4,
      title: `${APPS[n % APPS.length]}${n >= APPS.length ? ` ${Math.floor(n / APPS.length) + 1}` : ''}`,
      owners: [{ type: 'USER', id: owners[(n * 3 + 1) % owners.length]! }],
      viewers: [],
      lastModified: Date.UTC(2023, 0, 1) + n * 86_400_000,
    };
    if (n % 3 === 2 && groups.length > 0) app.owners.push({ type: 'GROUP', id: groups[n % groups.length]!.id });
    if (n % 2 === 1 && groups.length > 0) app.viewers.push({ type: 'GROUP', id: groups[(n + 1) % groups.length]!.id });
    state.apps.set(app.id, app);
  }
}

/** Sessions: each content owner signed in once (so that a leaver has sessions to end), the admin too. */
export function seedSessions(state: SandboxState): void {
  for (const userId of contentOwners(state)) state.openSession(userId);
}

/** A deleted user left as the only owner of two of the admin's datasets and one of the admin's cards. */
export function seedOrphans(state: SandboxState): void {
  const gone = [...state.users.values()].find((u) => u.deleted);
  if (!gone) return;
  const datasets = [...state.datasets.values()].filter((d) => d.ownerId === state.adminUserId).slice(-2);
  for (const dataset of datasets) dataset.ownerId = dataset.indexedOwnerId = gone.id;
  const card = [...state.cards.values()]
    .reverse()
    .find((c) => c.owners.length === 1 && c.owners[0]!.type === 'USER' && c.owners[0]!.id === state.adminUserId);
  if (!card) return;
  card.owners = [{ type: 'USER', id: gone.id }];
  card.indexedOwners = card.owners.map((o) => ({ ...o }));
}

/** Makes `userId` the only owner of every piece of content (single-owner objects, cards, pages and apps). */
export function giveAllContentTo(state: SandboxState, userId: number): void {
  const single = [
    state.datasets,
    state.dataflows,
    state.beastModes,
    state.appDbCollections,
    state.alerts,
    state.workflows,
    state.codePackages,
    state.jupyterWorkspaces,
    state.filesets,
    state.reportSchedules,
  ] as Map<unknown, { ownerId: number; indexedOwnerId: number }>[];
  for (const things of single) for (const thing of things.values()) thing.ownerId = thing.indexedOwnerId = userId;
  for (const things of [state.cards, state.pages, state.apps] as Map<number, { owners: SandboxPrincipal[] }>[])
    for (const thing of things.values()) {
      thing.owners = [{ type: 'USER', id: userId }];
      (thing as { indexedOwners?: SandboxPrincipal[] }).indexedOwners &&= [{ type: 'USER', id: userId }];
    }
}
