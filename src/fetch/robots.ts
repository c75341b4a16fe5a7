/**
 * robots.txt (RFC 9309): the group for our user agent (else `*`), the longest matching rule wins,
 * Allow over Disallow on a tie, `*` and `$` in paths; Crawl-delay read as the least interval
 * between two requests to the site. A missing file (4xx) allows everything; a site that cannot
 * answer (5xx, unreachable) is treated as disallowing everything until it can.
 */

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written (percent-encoding normalised). */
  pattern: string;
  regex: RegExp;
}

export interface Robots {
  /** Whether the path (with its query) may be fetched. */
  allows(pathAndQuery: string): boolean;
  /** Seconds between requests the site asks for, if it says. */
  crawlDelay?: number;
}

/** Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB). */
export const MAX_ROBOTS_BYTES = 512 * 1024;

export const ALLOW_ALL: Robots = { allows: () => true };
export const DISALLOW_ALL: Robots = { allows: (p) => p === '/robots.txt' };

function normalisePath(path: string): string {
  // percent-encoded octets compared case-insensitively; unreserved characters decoded
  return path.replace(/%[0-9a-fA-F]{2}/g, (m) => {
    const ch = String.fromCharCode(parseInt(m.slice(1), 16));
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : m.toUpperCase();
  });
}

function encodeNonAscii(path: string): string {
  return path.replace(/[^\x21-\x7e]/g, (ch) => encodeURIComponent(ch));
}

function toRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('*')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`);
}

interface Group {
  agents: string[];
  rules: RobotsRule[];
  crawlDelay?: number;
}

export function parseRobots(text: string, userAgent: string): Robots {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      // an empty Disallow allows everything: no rule
      if (!value) continue;
      const pattern = normalisePath(encodeNonAscii(value));
      current.rules.push({ allow: key === 'allow', pattern, regex: toRegex(pattern) });
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }
  const token = userAgent.toLowerCase().split(/[\/\s]/)[0];
  // the groups naming our product token, merged; else the groups for '*'
  let chosen = groups.filter((g) => g.agents.some((a) => a !== '*' && a === token));
  if (!chosen.length) chosen = groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.crawlDelay).filter((d): d is number => d !== undefined);
  return {
    crawlDelay: delays.length ? Math.max(...delays) : undefined,
    allows(pathAndQuery: string): boolean {
      if (pathAndQuery === '/robots.txt') return true;
      const path = normalisePath(encodeNonAscii(pathAndQuery || '/'));
      let best: RobotsRule | undefined;
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) best = rule;
      }
      return !best || best.allow;
    },
  };
}
