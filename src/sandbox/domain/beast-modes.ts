import { SandboxHttpError, badRequest, notFound, show } from '../errors.js';
import type { SandboxBeastMode } from '../model.js';
import { SeededRandom } from '../random.js';
import type { SandboxState } from '../state.js';
import { liveOwner, setOwner } from './owned.js';

export function findBeastMode(state: SandboxState, id: number): SandboxBeastMode {
  const beastMode = state.beastModes.get(id);
  if (!beastMode) throw notFound(`function ${id} not found`);
  return beastMode;
}

/**
 * `POST /api/query/v1/functions/search`: the owner filter (`{ field: "owner", idList }`) honoured, sorted by name —
 * with rows of the same name in a different order on every request, so that paging by offset can repeat one row and
 * miss another (DS: "functions/search sorted by name is unstable across pages").
 */
export function searchBeastModes(state: SandboxState, body: Record<string, unknown>): SandboxBeastMode[] {
  const filters = (Array.isArray(body.filters) ? body.filters : []) as { field?: unknown; idList?: unknown }[];
  const owners = filters.find((f) => f.field === 'owner')?.idList;
  const wanted = Array.isArray(owners) ? owners.map(Number) : undefined;
  const shuffle = new SeededRandom(state.seed + state.counters.total);
  const tieBreak = new Map([...state.beastModes.keys()].map((id) => [id, shuffle.int(0, 1_000_000)]));
  return [...state.beastModes.values()]
    .filter((b) => !wanted || wanted.includes(b.ownerId))
    .sort((a, b) => a.name.localeCompare(b.name) || tieBreak.get(a.id)! - tieBreak.get(b.id)!);
}

/**
 * `POST /api/query/v1/functions/bulk/template` `{ update: [{ id, owner, links }] }`. An entry without `links` is a
 * 500 (DS trap: Domo fails when the links are not echoed back); links that differ from the function's replace them.
 * All or nothing.
 */
export function updateBeastModes(state: SandboxState, body: unknown, callerId: number): number {
  state.requireAuthority(callerId, 'dataset.manage');
  const updates = typeof body === 'object' && body !== null ? (body as { update?: unknown }).update : undefined;
  if (!Array.isArray(updates) || updates.length === 0) throw badRequest('update must be a non-empty array');
  const planned = updates.map((entry: unknown) => {
    const { id, owner, links } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const beastMode = findBeastMode(state, Number(id));
    if (!Array.isArray(links)) throw new SandboxHttpError(500, 'Internal Server Error');
    const user = liveOwner(state, owner, 'owner');
    for (const link of links as unknown[])
      if (typeof link !== 'object' || link === null || !('resource' in link))
        throw badRequest(`invalid link ${show(link)}`);
    return { beastMode, user, links: links as SandboxBeastMode['links'] };
  });
  for (const { beastMode, user, links } of planned) {
    beastMode.links = links.map((l) => ({ ...l, resource: { ...l.resource, id: String(l.resource.id) } }));
    if (beastMode.ownerId !== user.id) setOwner(state, beastMode, user.id);
  }
  return planned.length;
}
