/** Keeps the app secret (and the app key) out of every text the client lets go of. */
export type Scrub = (text: string) => string;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces the secret and the key, in any letter case (Omie upper-cases echoed tags), by placeholders. */
export function makeScrub(appKey: string, appSecret: string): Scrub {
  const rules = [
    { re: appSecret.length >= 4 ? new RegExp(escape(appSecret), 'gi') : null, by: '[app_secret]' },
    { re: appKey.length >= 4 ? new RegExp(escape(appKey), 'gi') : null, by: '[app_key]' },
  ];
  return (text) => {
    let out = text;
    for (const { re, by } of rules) if (re) out = out.replace(re, by);
    return out;
  };
}
