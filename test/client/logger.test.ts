import { describe, expect, it } from 'vitest';
import { logLevelFromEnv } from '../../src/index.js';
import { redactJsonText } from '../../src/client/logger.js';

describe('logging helpers', () => {
  it('redacts secret-looking keys in JSON bodies, at any depth', () => {
    expect(
      JSON.parse(
        redactJsonText(
          '{"username":"u","password":"p","nested":{"secretKey":"s","list":[{"sessionToken":"t"}]},"configurations":{"client-secret":"c"}}',
        ),
      ),
    ).toEqual({
      username: 'u',
      password: '[REDACTED]',
      nested: { secretKey: '[REDACTED]', list: [{ sessionToken: '[REDACTED]' }] },
      configurations: { 'client-secret': '[REDACTED]' },
    });
    expect(redactJsonText('not json password=x')).toBe('not json password=x');
  });

  it('reads DOMO_LOG', () => {
    expect(logLevelFromEnv({ DOMO_LOG: 'DEBUG' })).toBe('debug');
    expect(logLevelFromEnv({ DOMO_LOG: 'loud' })).toBe('off');
    expect(logLevelFromEnv({})).toBe('off');
  });
});
