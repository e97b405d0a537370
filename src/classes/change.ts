/**
 * What a membership, ownership or share change did — the one report every family's membership and share methods
 * return (`role.addMembers`, `group.setOwners`, `account.share`, …): who was added and who removed. Nothing that was
 * already so is listed, so an empty report means nothing needed doing (and nothing was sent).
 */
export interface ChangeReport<T = number> {
  added: T[];
  removed: T[];
}

/** A membership or ownership change: user ids. */
export type MembershipChange = ChangeReport<number>;

/** One principal's access in a share change: the level given (in `added`) or the level taken away (in `removed`). */
export interface ShareEntry {
  type: 'USER' | 'GROUP';
  id: number;
  accessLevel: string;
}

/** A share change: a level change is the old level removed and the new one added. */
export type ShareChange = ChangeReport<ShareEntry>;

/** A report of nothing done. */
export function noChange<T>(): ChangeReport<T> {
  return { added: [], removed: [] };
}
