import { describe, expect, it } from 'vitest';
import { DomoInputError, path } from '../../src/index.js';

describe('path tag', () => {
  it('encodes each value as one segment', () => {
    expect(path`/api/data/v1/accounts/${71}`).toBe('/api/data/v1/accounts/71');
    expect(path`/api/x/${'a b?c#d'}/y`).toBe('/api/x/a%20b%3Fc%23d/y');
    expect(path`/api/providers/${'snowflake-oauth-config'}/template/${5}`).toBe(
      '/api/providers/snowflake-oauth-config/template/5',
    );
  });

  it.each([
    ['an empty string', ''],
    ['white space', '  '],
    ['..', '..'],
    ['.', '.'],
    ['a slash', '1/2'],
    ['a backslash', '1\\2'],
    ['null', null],
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an object', { id: 1 }],
    ['an array', [1]],
  ])('rejects %s', (_label, value) => {
    expect(() => path`/api/data/v1/accounts/${value}`).toThrow(DomoInputError);
  });
});
