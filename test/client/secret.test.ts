import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret, scrubSecrets } from '../../src/index.js';

const CANARY = 'canary-7f3a9c-secret';

describe('Secret', () => {
  it('never prints its value', () => {
    const secret = new Secret(CANARY);
    for (const shown of [
      String(secret),
      `${String(secret)}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ nested: { secret } }, { depth: 5 }),
    ]) {
      expect(shown).not.toContain(CANARY);
      expect(shown).toContain('[REDACTED]');
    }
  });

  it('reveals the value on request and wraps idempotently', () => {
    const secret = new Secret(CANARY);
    expect(secret.reveal()).toBe(CANARY);
    expect(Secret.from(secret)).toBe(secret);
    expect(Secret.from('x').reveal()).toBe('x');
    expect(new Secret('  ').isBlank()).toBe(true);
  });

  it('scrubs secret values out of text', () => {
    expect(scrubSecrets(`token=${CANARY}; again ${CANARY}`, [new Secret(CANARY)])).toBe(
      'token=[REDACTED]; again [REDACTED]',
    );
    expect(scrubSecrets('a b c', ['a'])).toBe('a b c');
  });
});
