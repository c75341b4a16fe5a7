/**
 * Inflating for pdfjs's parser without Node's DecompressionStream. pdfjs decompresses every Flate
 * stream of a PDF (each page, each font, each CMap, and each glyph of a Type 3 font on its own)
 * through `new DecompressionStream('deflate')`, writing the whole compressed stream at once and
 * reading everything back. In Node 20 each such stream is a zlib stream on the thread pool behind
 * web-stream adapters: about a millisecond of CPU per stream whatever its size, several times the
 * inflating itself, and Chromium's Type 3 fonts bring hundreds of streams per file.
 *
 * The global DecompressionStream is wrapped: a construction from pdfjs's parser gets a plain
 * object with the same two halves as far as pdfjs uses them (one writer written, then closed;
 * the readable iterated), inflated in one synchronous zlib call when read; every other caller
 * gets Node's own DecompressionStream, unchanged. The bytes out, and the failures (corrupt or
 * cut-off data fails the read; pdfjs then decodes the stream with its own inflater, as it does
 * when Node's stream fails), are those of the same zlib.
 */
import { inflateRawSync, inflateSync, gunzipSync } from 'node:zlib';

const INFLATERS: Record<string, (data: Uint8Array) => Buffer> = {
  deflate: inflateSync,
  'deflate-raw': inflateRawSync,
  gzip: gunzipSync,
};

/** What pdfjs uses of a DecompressionStream (see asyncGetBytesFromDecompressionStream). */
interface OneShotInflate {
  writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readable: AsyncIterable<Uint8Array>;
}

function oneShotInflate(inflate: (data: Uint8Array) => Buffer): OneShotInflate {
  const chunks: Uint8Array[] = [];
  let closed!: () => void;
  const whenClosed = new Promise<void>((resolve) => (closed = resolve));
  const done = Promise.resolve();
  return {
    writable: {
      getWriter: () => ({
        ready: done,
        write: (chunk) => {
          chunks.push(chunk);
          return done;
        },
        close: () => {
          closed();
          return done;
        },
      }),
    },
    readable: {
      async *[Symbol.asyncIterator]() {
        await whenClosed;
        const input = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const out = inflate(input);
        yield new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      },
    },
  };
}

type CallSite = { getFileName(): string | null | undefined };

/** The file of the code that called `fn`. */
function callerFile(fn: Function): string | null | undefined {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    // the call sites themselves, not a formatted (or source-mapped) text
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = 1;
    const probe: { stack?: CallSite[] } = {};
    Error.captureStackTrace(probe, fn);
    return probe.stack?.[0]?.getFileName();
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** Modules (file URLs) whose DecompressionStreams inflate in one go. */
const oneShotCallers = new Set<string>();

/** Wrap the global DecompressionStream so that constructions from the module at `moduleUrl` (pdfjs's worker module) inflate synchronously. */
export function inflateSynchronouslyFor(moduleUrl: string): void {
  const Native = globalThis.DecompressionStream;
  if (typeof Native !== 'function') return;
  const first = oneShotCallers.size === 0;
  oneShotCallers.add(moduleUrl);
  if (!first) return;
  function DecompressionStream(this: unknown, format: CompressionFormat): object {
    if (!new.target) throw new TypeError("Class constructor DecompressionStream cannot be invoked without 'new'");
    const inflate = INFLATERS[format];
    if (inflate) {
      const caller = callerFile(DecompressionStream);
      if (caller && oneShotCallers.has(caller)) return oneShotInflate(inflate);
    }
    return new Native(format);
  }
  // `instanceof DecompressionStream` holds for Node's streams made through the wrapper
  DecompressionStream.prototype = Native.prototype;
  Object.defineProperty(globalThis, 'DecompressionStream', { value: DecompressionStream, writable: true, configurable: true, enumerable: false });
}
