/**
 * An input that cannot be read or is not an annual report. The command line prints
 * `file: message` and exits 2; the server answers 422. Messages are in Chinese, with the English
 * reason after a slash where a tool user may need it.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    // one line whatever the reason quotes from the file (a parser's message may carry its line breaks)
    super(message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f]/g, ' '));
    this.name = 'InputError';
  }
}

/**
 * The database cannot be reached (PostgreSQL stopped, restarting or the connection cut) or cannot
 * write (disk full). Nothing was written by the statement that failed; the user is told to try
 * again later: the command line prints one line and exits 2, the server answers 503. It is not a
 * problem of the file being read, so per-file error handling passes it on.
 */
export class StoreUnavailable extends InputError {
  constructor(where: string, reason: string) {
    super(where, reason);
    this.name = 'StoreUnavailable';
  }
}

/** An error that belongs to one input file (reported with that file, the batch going on). */
export function isFileProblem(error: unknown): error is InputError {
  return error instanceof InputError && !(error instanceof StoreUnavailable);
}

/** Largest input file read, in bytes. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
