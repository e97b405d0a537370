// The one reference parser: every place that reads an id, an email or a name agrees on the edges.
import { describe, expect, it } from 'vitest';
import { parseId, parseRef } from '../../src/internal/refs.js';
import { checkId } from '../../src/internal/input.js';
import { DomoInputError } from '../../src/index.js';

describe('parseId', () => {
  it.each([
    [12, 12],
    ['12', 12],
    [' 12 ', 12],
    ['9007199254740991', 9_007_199_254_740_991],
  ])('%j is the id %d', (value, id) => {
    expect(parseId(value)).toBe(id);
    expect(checkId(value)).toBe(id);
  });

  it.each([
    0,
    -1,
    1.5,
    '0',
    '-1',
    '1e3',
    '0x10',
    '1.0',
    '',
    ' ',
    '9007199254740993',
    '12345678901234567',
    NaN,
    null,
    {},
  ])('%j is not an id (and checkId says so)', (value) => {
    expect(parseId(value)).toBeUndefined();
    expect(() => checkId(value)).toThrow(DomoInputError);
  });
});

describe('parseRef', () => {
  it('reads ids, objects with ids, emails, group:<name> and names, as far as allowed', () => {
    expect(parseRef('7')).toEqual({ kind: 'id', id: 7 });
    expect(parseRef({ id: 7 })).toEqual({ kind: 'id', id: 7 });
    expect(parseRef('ada@acme.com', { emails: true })).toEqual({ kind: 'email', email: 'ada@acme.com' });
    expect(parseRef('group: Finance', { groups: true })).toEqual({ kind: 'group', name: 'Finance' });
    expect(parseRef(' Finance ', { names: true })).toEqual({ kind: 'name', name: 'Finance' });
    expect(parseRef('Finance')).toBeUndefined(); // names only where allowed
    expect(parseRef('ada@acme.com')).toBeUndefined();
    expect(parseRef('not an email@', { emails: true, names: true })).toBeUndefined();
    expect(parseRef('group:', { groups: true })).toBeUndefined();
    expect(parseRef({ id: -1 }, { names: true })).toBeUndefined();
  });
});
