import { DomoInputError } from '../client/errors.js';
import { checkId, describe } from './input.js';

/** A principal as content ownership names it (cards, pages). */
export interface OwnerRef {
  type: 'USER' | 'GROUP';
  id: number;
}

/** Checks new or leaving owners of content: a non-empty array of `{ type: USER|GROUP, id }`. */
export function checkOwnerRefs(owners: readonly OwnerRef[], route: string): OwnerRef[] {
  if (!Array.isArray(owners) || owners.length === 0)
    throw new DomoInputError(`owners must be a non-empty array of { type, id }, got ${describe(owners)}`, {
      field: 'owners',
      route,
    });
  return (owners as readonly unknown[]).map((entry, index) => {
    const owner = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<OwnerRef>;
    if (owner.type !== 'USER' && owner.type !== 'GROUP')
      throw new DomoInputError(`owners[${index}].type must be USER or GROUP`, { field: 'owners', route });
    return { id: checkId(owner.id, `owners[${index}].id`, route), type: owner.type };
  });
}
