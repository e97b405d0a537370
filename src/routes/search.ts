import { z } from 'zod';
import type { DomoAuth } from '../auth/base.js';
import type { DomoResponse, RequestOptions } from '../client/options.js';
import { checkId } from '../internal/input.js';

/** Rows one datacenter search page answers at most (DL: "api enforced limit"). */
export const SEARCH_PAGE = 100;

/** What one page of a datacenter search asks for: every object, those matching `text`, or those the index says `ownedBy` owns. */
export interface SearchQuery {
  ownedBy?: number;
  text?: string;
  offset?: number;
  count?: number;
}

/** Which of the two body shapes the search is asked in, and which entity. */
export interface SearchEntity {
  route: string;
  /** `entities: ["DATAFLOW"]` answers `searchObjects`; `entityList: [["package"]]` answers `searchResultsMap.package`. */
  shape: 'entities' | 'entityList';
  entity: string;
  /** The owner filter's value: the id alone (DS for dataflows) or `<id>:USER` (DS for cards, workflows, packages). */
  ownerValue: (id: number) => string;
}

/**
 * One page of a datacenter search for one entity type. The owners it shows come from the search index, which lags
 * ownership writes (DS): re-read each object before acting on it, and never verify a transfer through this.
 *
 * Endpoint: `POST /api/search/v1/query` with `{ entities: [E] | entityList: [[e]], filters: [{ filterType: "term",
 * field: "owned_by_id", value }], query, count, offset }` (DL `generate_search_datacenter_body`, DS per type)
 */
export async function searchEntity<Row>(
  auth: DomoAuth,
  entity: SearchEntity,
  rowSchema: z.ZodType<Row>,
  query: SearchQuery = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: Row[]; total: number | undefined }>> {
  const owner = query.ownedBy === undefined ? undefined : checkId(query.ownedBy, 'ownedBy', entity.route);
  const rows = z.array(rowSchema).optional().default([]);
  const schema: z.ZodType<object> =
    entity.shape === 'entities'
      ? z.looseObject({ searchObjects: rows, totalResultCount: z.number().int().nonnegative().optional() })
      : z.looseObject({
          searchResultsMap: z.looseObject({ [entity.entity]: rows }).optional(),
          totalResultCount: z.number().int().nonnegative().optional(),
        });
  const response = await auth.transport.request(
    {
      route: entity.route,
      method: 'POST',
      path: '/api/search/v1/query',
      json: {
        ...(entity.shape === 'entities' ? { entities: [entity.entity] } : { entityList: [[entity.entity]] }),
        filters:
          owner === undefined ? [] : [{ filterType: 'term', field: 'owned_by_id', value: entity.ownerValue(owner) }],
        query: query.text?.trim() || '*',
        count: Math.min(query.count ?? SEARCH_PAGE, SEARCH_PAGE),
        offset: query.offset ?? 0,
      },
      schema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  const data = response.data as {
    searchObjects?: Row[];
    searchResultsMap?: Record<string, Row[] | undefined>;
    totalResultCount?: number;
  };
  const found = (entity.shape === 'entities' ? data.searchObjects : data.searchResultsMap?.[entity.entity]) ?? [];
  return { status: response.status, data: { rows: found, total: data.totalResultCount } };
}
