// Every kind of change lives in one module (order, summary counts, render, describe, apply, before), in one table.
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../src/governance/kinds/index.js';

describe('the change kinds table', () => {
  it('has every part for every kind, and one apply order', () => {
    const kinds = Object.entries(CHANGE_KINDS);
    expect(kinds.map(([kind]) => kind).sort()).toEqual(
      [
        'account-sharing',
        'create-group',
        'create-role',
        'delete-group',
        'delete-role',
        'group-members',
        'group-owners',
        'move-users',
        'remove-users',
        'rename-group',
        'rename-role',
        'set-default-role',
        'set-grants',
        'update-group',
        'update-role',
      ].sort(),
    );
    for (const [kind, module] of kinds)
      for (const part of ['counts', 'render', 'describe', 'apply', 'before'] as const)
        expect(typeof module[part], `${kind}.${part}`).toBe('function');
    const orders = kinds.map(([, module]) => module.order);
    expect(new Set(orders).size).toBe(orders.length);
    // Renames first (later changes use the new name); roles and groups exist before grants, members and shares;
    // deletions last for groups.
    expect(CHANGE_KINDS['rename-role'].order).toBeLessThan(CHANGE_KINDS['create-role'].order);
    expect(CHANGE_KINDS['rename-group'].order).toBeLessThan(CHANGE_KINDS['create-group'].order);
    expect(CHANGE_KINDS['create-role'].order).toBeLessThan(CHANGE_KINDS['set-grants'].order);
    expect(CHANGE_KINDS['set-grants'].order).toBeLessThan(CHANGE_KINDS['set-default-role'].order);
    expect(CHANGE_KINDS['create-group'].order).toBeLessThan(CHANGE_KINDS['account-sharing'].order);
    expect(CHANGE_KINDS['delete-group'].order).toBe(Math.max(...orders));
  });
});
