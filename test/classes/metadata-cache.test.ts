import 'reflect-metadata';
import { Exclude, Expose, plainToInstance, Transform } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { DomoAccount, DomoTokenAuth } from '../../src/index.js';

const auth = new DomoTokenAuth({ instance: 'acme', token: 'not-used' });
const row = {
  id: 7,
  name: 'svc',
  displayName: 'Service',
  dataProviderType: 'snowflake',
  userId: 3,
  createdAt: 1_700_000_000_000,
  unknownField: 'kept in raw only',
};

describe('hydration with cached class-transformer metadata', () => {
  it('hydrates the same fields every time, and only the exposed ones', () => {
    const first = DomoAccount.hydrate(auth, row);
    const again = DomoAccount.hydrateMany(auth, [row, { ...row, id: 8 }]);
    for (const account of [first, ...again]) {
      expect(account).toBeInstanceOf(DomoAccount);
      expect(account.ownerId).toBe(3);
      expect(account.createdAt).toEqual(new Date(1_700_000_000_000));
      expect(Object.keys(account)).not.toContain('unknownField');
      expect(account.raw).toMatchObject({ unknownField: 'kept in raw only' });
    }
    expect(again.map((a) => a.id)).toEqual([7, 8]);
  });

  it('sees classes decorated after the cache was filled, ours and anyone else’s', () => {
    DomoAccount.hydrate(auth, row); // fills the cache for DomoAccount

    class Audited extends DomoAccount {
      @Expose({ name: 'auditNote' }) note?: string;
      @Expose() @Transform(({ value }: { value: unknown }) => String(value).toUpperCase()) shout?: string;
    }
    const audited = Audited.hydrate(auth, { ...row, auditNote: 'checked', shout: 'hey' });
    expect(audited).toMatchObject({ id: 7, ownerId: 3, note: 'checked', shout: 'HEY' });

    class Theirs {
      @Expose() a?: number;
      @Exclude() b?: number;
      c?: number;
    }
    expect(plainToInstance(Theirs, { a: 1, b: 2, c: 3 })).toEqual(Object.assign(new Theirs(), { a: 1, c: 3 }));
    expect(plainToInstance(Theirs, { a: 1, b: 2, c: 3 }, { excludeExtraneousValues: true })).toEqual(
      Object.assign(new Theirs(), { a: 1 }),
    );
  });

  it('sees metadata added to a class it has already hydrated', () => {
    class Late {
      @Expose() a?: number;
      c?: number;
    }
    const options = { excludeExtraneousValues: true };
    expect(plainToInstance(Late, { a: 1, c: 3 }, options)).toEqual(Object.assign(new Late(), { a: 1 }));
    Expose()(Late.prototype, 'c');
    expect(plainToInstance(Late, { a: 1, c: 3 }, options)).toEqual(Object.assign(new Late(), { a: 1, c: 3 }));
  });
});
