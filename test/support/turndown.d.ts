/** The parts of turndown and its GFM plugin the tests use (the packages ship no types). */
declare module 'turndown' {
  export default class TurndownService {
    constructor(options?: { headingStyle?: 'setext' | 'atx' });
    use(plugin: unknown): this;
    turndown(html: string): string;
  }
}
declare module 'turndown-plugin-gfm' {
  export const gfm: unknown;
  export const tables: unknown;
}
