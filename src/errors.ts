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

/** Largest input file read, in bytes. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
