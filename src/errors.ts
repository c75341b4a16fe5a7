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
    super(message);
    this.name = 'InputError';
  }
}

/** Largest input file read, in bytes. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
