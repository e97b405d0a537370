import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AccountConfig, DomoInputError, Secret } from '../../src/index.js';

describe('AccountConfig', () => {
  it('wraps secret fields and fields the registry does not list; shows the others', () => {
    const config = new AccountConfig('snowflake', { account: 'acme', password: 'pw-canary', extra: 'x', port: 443 });
    expect(config.get('account')).toBe('acme');
    expect(config.get('password')).toBeInstanceOf(Secret);
    expect(config.get('extra')).toBeInstanceOf(Secret);
    expect(config.get('port')).toBe(443); // not a string: nothing to hide
    expect(config.keys()).toEqual(['account', 'password', 'extra', 'port']);
    expect(config.secretKeys()).toEqual(['password', 'extra']);
    expect(config.reveal()).toEqual({ account: 'acme', password: 'pw-canary', extra: 'x', port: 443 });
    expect(JSON.stringify(config)).not.toContain('pw-canary');
    expect(inspect(config)).not.toContain('pw-canary');
  });

  it('holds only own fields: inherited names and __proto__ are plain keys', () => {
    const config = new AccountConfig(
      'abstract-credential-store',
      JSON.parse('{"__proto__": "p", "credentials": "c"}') as Record<string, string>,
    );
    expect(config.keys()).toEqual(['__proto__', 'credentials']);
    expect(config.get('__proto__')).toBeInstanceOf(Secret);
    expect(config.get('constructor')).toBeUndefined();
    expect(config.get('toString')).toBeUndefined();
    expect(config.reveal()).toEqual(JSON.parse('{"__proto__": "p", "credentials": "c"}'));
  });

  it('refuses values that are not text, numbers, booleans or null, and drops undefined', () => {
    expect(() => new AccountConfig('snowflake', { account: { nested: 1 } } as never)).toThrow(DomoInputError);
    expect(new AccountConfig('snowflake', { account: 'a', role: undefined } as never).keys()).toEqual(['account']);
  });
});
