type Headers = Record<string, string | string[] | undefined>;

const one = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * True when a form post comes from another site: by `Sec-Fetch-Site` when the browser sends it
 * (only `same-origin` and `none`, a user's own navigation, pass), else by `Origin` when sent (it must
 * be the public URL's origin or the request's own host). Neither header: not a browser's cross-site
 * post (old browsers, scripts), let through — the token in the path is the capability.
 */
export function isCrossSite(headers: Headers, publicUrl: string): boolean {
  const site = one(headers, 'sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = one(headers, 'origin');
  if (origin === undefined) return false;
  const host = one(headers, 'host');
  const allowed = [new URL(publicUrl).origin, ...(host ? [`http://${host}`, `https://${host}`] : [])];
  return !allowed.includes(origin.toLowerCase());
}
