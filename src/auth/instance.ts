import { DomoInputError } from '../client/errors.js';

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Normalises how people write an instance to its subdomain: `acme`, `acme.domo.com`, `https://acme.domo.com/`
 * and `ACME` all become `acme`. Anything else (empty, another host, a path, spaces) is a {@link DomoInputError}.
 */
export function normalizeInstance(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new DomoInputError('instance is required: the subdomain of https://{instance}.domo.com, e.g. "acme"', { field: 'instance' });
  }
  const host = hostOf(input.trim());
  const subdomain = host.toLowerCase().replace(/\.domo\.com$/, '');
  if (!SUBDOMAIN.test(subdomain)) {
    throw new DomoInputError(`instance ${JSON.stringify(input)} is not a Domo instance name; expected e.g. "acme" or "acme.domo.com"`, { field: 'instance' });
  }
  return subdomain;
}

function hostOf(text: string): string {
  if (!/^[a-z]+:\/\//i.test(text)) return text.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomoInputError(`instance ${JSON.stringify(text)} is not a valid URL or instance name`, { field: 'instance' });
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new DomoInputError(`instance ${JSON.stringify(text)} has a path; give only the instance, e.g. "acme"`, { field: 'instance' });
  }
  return url.hostname;
}

/** `https://{instance}.domo.com`, or a checked `baseUrl` without its trailing slash. */
export function resolveBaseUrl(instance: string, baseUrl: string | undefined): string {
  if (baseUrl === undefined) return `https://${instance}.domo.com`;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new DomoInputError(`baseUrl ${JSON.stringify(baseUrl)} is not a URL`, { field: 'baseUrl' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DomoInputError(`baseUrl must be http or https, got ${url.protocol}`, { field: 'baseUrl' });
  }
  return url.toString().replace(/\/+$/, '');
}
