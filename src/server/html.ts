/**
 * HTML built on the server: a tagged template that escapes every interpolated value unless it is
 * already markup (`Safe`), so a string from a report can never become markup by accident.
 */

export class Safe {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function part(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Safe) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  return esc(value);
}

/** `h\`<p>${text}</p>\`` — text is escaped; nested `h` results and arrays of them are kept. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Safe(out);
}

/** Markup that is known to be safe (built here, never from input). */
export function raw(value: string): Safe {
  return new Safe(value);
}

/** JSON for a `<script type="application/json">` data block: `<` escaped so no tag can end it. */
export function jsonBlock(id: string, value: unknown): Safe {
  const text = JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return new Safe(`<script type="application/json" id="${esc(id)}">${text}</script>`);
}
