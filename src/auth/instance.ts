import { DomoInputError } from '../client/errors.js';

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Normalises how people write an instance to its subdomain: `acme`, `acme.domo.com`, `https://acme.domo.com/`
 * and `ACME` all become `acme`. Anything else (empty, another host, a path, spaces) is a {@link DomoInputError}.
 */
export function normalizeInstance(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new DomoInputError('instance is required: the subdomain of https://{instance}.domo.com, e.g. "acme"', {
      field: 'instance',
    });
  }
  const host = hostOf(input.trim());
  const subdomain = host.toLowerCase().replace(/\.domo\.com$/, '');
  if (!SUBDOMAIN.test(subdomain)) {
    throw new DomoInputError(
      `instance ${JSON.stringify(input)} is not a Domo instance name; expected e.g. "acme" or "acme.domo.com"`,
      { field: 'instance' },
    );
  }
  return subdomain;
}

function hostOf(text: string): string {
  if (!/^[a-z]+:\/\//i.test(text)) return text.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomoInputError(`instance ${JSON.stringify(text)} is not a valid URL or instance name`, {
      field: 'instance',
    });
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new DomoInputError(`instance ${JSON.stringify(text)} has a path; give only the instance, e.g. "acme"`, {
      field: 'instance',
    });
  }
  return url.hostname;
}

/** `https://{instance}.domo.com`, or a checked `baseUrl` without its trailing slash. */
export function resolveBaseUrl(instance: string, baseUrl: unknown): string {
  if (baseUrl === undefined) return `https://${instance}.domo.com`;
  if (typeof baseUrl !== 'string')
    throw new DomoInputError('baseUrl must be a string such as "https://acme.domo.com"', { field: 'baseUrl' });
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new DomoInputError(
      `baseUrl is not a URL${baseUrl.includes('@') ? '' : `: ${JSON.stringify(baseUrl.slice(0, 100))}`}`,
      { field: 'baseUrl' },
    );
  }
  // Checked before the URL is ever shown, since userinfo is a credential.
  if (url.username !== '' || url.password !== '' || /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(baseUrl)) {
    throw new DomoInputError(
      'baseUrl must not hold credentials (user:password@host); pass the token or password to the auth instead',
      { field: 'baseUrl' },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DomoInputError(`baseUrl must be http or https, got ${url.protocol}`, { field: 'baseUrl' });
  }
  if (baseUrl.includes('?') || baseUrl.includes('#')) {
    throw new DomoInputError(
      `baseUrl must be an origin with an optional path, without a query or fragment (?, #): ${url.origin}${url.pathname}`,
      { field: 'baseUrl' },
    );
  }
  return url.toString().replace(/\/+$/, '');
}

/** Characters a header value cannot hold: controls (CR, LF, NUL…) and anything above Latin-1. */
const NOT_HEADER_SAFE = /[\u0000-\u0008\u000a-\u001f\u007f\u0100-\uffff]/;

/**
 * Checks a credential that travels in a header. Refuses line breaks and other control characters (they would
 * split or smuggle headers) and characters outside Latin-1 (they cannot be sent), without echoing the value.
 * @throws {DomoInputError}
 */
export function checkHeaderSafe(value: string, field: string): string {
  const bad = NOT_HEADER_SAFE.exec(value);
  if (bad) {
    const kind = /[\r\n]/.test(bad[0])
      ? 'a line break'
      : bad[0].charCodeAt(0) > 0xff
        ? 'a character outside Latin-1'
        : 'a control character';
    throw new DomoInputError(
      `${field} contains ${kind} at position ${bad.index + 1}; a ${field} is sent as a header and cannot hold one (was it pasted with extra text?)`,
      { field },
    );
  }
  return value;
}
