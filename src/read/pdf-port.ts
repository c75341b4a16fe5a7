/**
 * The channel between pdfjs's two halves (the "worker", which parses the file, and the API), both
 * running in this thread. pdfjs's own in-thread channel copies every message with
 * `structuredClone`, which Node 20 does through a fresh MessageChannel per call: for the many
 * small messages of an operator list that cost more than the work they carry. Here a message is
 * copied by plain JavaScript: arrays and plain objects anew (the worker empties its arrays in
 * place once sent), buffers the sender transfers handed over as they are (the sender gives them
 * up), other buffers copied; anything else (errors, maps) still goes through `structuredClone`.
 * The result is what `structuredClone` gives, without its cost — except that an object of a class
 * (a glyph: pdfjs makes one per character code of a font and never changes it) is copied once and
 * that copy delivered in every later message that holds it.
 *
 * Fonts are trimmed on the way: text extraction needs a font's metrics (its matrix, whether it is
 * vertical), never its program. A font arrives marked as not to be installed (no CSS rule built
 * from a base64 copy of the whole font), and the drawing programs of Type 3 glyphs (an operator
 * list per glyph) are left behind.
 */

type Listener = (this: DirectPort, event: { data: unknown }) => void;

export class DirectPort {
  #listeners = new Map<Listener, (() => void) | null>();
  #ready = Promise.resolve();

  postMessage(message: unknown, transfer?: Transferable[] | null): void {
    const data = operatorListChunk(message) ?? handOver(trimFont(message), new Set(transfer ?? []), new Map());
    // delivered after the sender's current job, in the order sent, as a port does
    void this.#ready.then(() => {
      for (const [listener] of this.#listeners) listener.call(this, { data });
    });
  }

  addEventListener(_type: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    let unlisten: (() => void) | null = null;
    if (signal) {
      const onAbort = () => this.removeEventListener(_type, listener);
      signal.addEventListener('abort', onAbort);
      unlisten = () => signal.removeEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, unlisten);
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    for (const [, unlisten] of this.#listeners) unlisten?.();
    this.#listeners.clear();
  }
}

interface ChunkMessage {
  chunk?: { fnArray?: unknown; argsArray?: unknown };
}

/**
 * A chunk of an operator list, the bulk of what the worker sends: once sent, the worker empties
 * the chunk's two arrays in place (OperatorList.flush) and starts new ones for each operation, so
 * copying the two arrays is enough. An operation's arguments are made for it and not changed
 * later; glyph arrays come from a font's cache of shown strings and are not changed either.
 */
function operatorListChunk(message: unknown): unknown {
  const chunk = (message as ChunkMessage | null)?.chunk;
  if (!chunk || !Array.isArray(chunk.fnArray) || !Array.isArray(chunk.argsArray)) return undefined;
  return { ...(message as object), chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() } };
}

/**
 * The flags of a font (pdfjs 5.6's FontInfo) are two bits each from the first byte; the third
 * is `disableFontFace` (0b10: true). Set, the API keeps the font's metrics and never turns its
 * program into a CSS rule.
 */
const DISABLE_FONT_FACE_SHIFT = 4;

interface FontMessage {
  action?: string;
  data?: [string, string, { buffer?: ArrayBuffer; charProcOperatorList?: unknown; extra?: unknown }];
}

function trimFont(message: unknown): unknown {
  const m = message as FontMessage;
  if (m?.action !== 'commonobj' || m.data?.[1] !== 'Font') return message;
  const font = m.data[2];
  if (!font?.buffer || font.buffer.byteLength < 1) return message;
  const flags = new Uint8Array(font.buffer, 0, 1);
  flags[0] = (flags[0] & ~(0b11 << DISABLE_FONT_FACE_SHIFT)) | (0b10 << DISABLE_FONT_FACE_SHIFT);
  return { ...m, data: [m.data[0], m.data[1], { buffer: font.buffer, extra: font.extra }] };
}

/** Copies of objects of classes (pdfjs's glyphs), made once per object. */
const instanceCopies = new WeakMap<object, object>();

function handOver(value: unknown, transfer: Set<unknown>, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  let out: unknown;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    seen.set(value, copy);
    for (let i = 0; i < value.length; i++) if (i in value) copy[i] = handOver(value[i], transfer, seen);
    return copy;
  }
  if (ArrayBuffer.isView(value)) {
    if (transfer.has(value.buffer)) out = value;
    else if (value instanceof DataView) out = new DataView(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    else out = (value as unknown as Uint8Array).slice();
  } else if (value instanceof ArrayBuffer) {
    out = transfer.has(value) ? value : value.slice(0);
  } else {
    // errors, maps, dates …: as structuredClone copies them; ordinary objects (plain, or of a
    // class, as pdfjs's glyphs) become plain objects of their own enumerable properties, as
    // structuredClone makes them
    if (Object.prototype.toString.call(value) !== '[object Object]') {
      out = structuredClone(value);
    } else if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      // an object of a class: in an operator list, one of pdfjs's glyphs, which a font makes
      // once per character code and never changes; shown again and again, it is copied once
      let copy = instanceCopies.get(value);
      if (!copy) {
        copy = {};
        for (const key of Object.keys(value)) (copy as Record<string, unknown>)[key] = handOver((value as Record<string, unknown>)[key], transfer, seen);
        instanceCopies.set(value, copy);
      }
      out = copy;
    } else {
      const copy: Record<string, unknown> = {};
      seen.set(value, copy);
      for (const key of Object.keys(value)) copy[key] = handOver((value as Record<string, unknown>)[key], transfer, seen);
      return copy;
    }
  }
  seen.set(value, out);
  return out;
}
