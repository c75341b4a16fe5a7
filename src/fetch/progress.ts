/**
 * Progress of a fetch on standard error: a bar on a terminal (its total grows as column pages list
 * more reports), plain lines otherwise; each address's line printed above the bar.
 */
import cliProgress from 'cli-progress';

export interface FetchProgress {
  add(n: number): void;
  tick(ok: boolean): void;
  /** One line of output (standard output), kept clear of the bar. */
  log(line: string): void;
  stop(): void;
}

export function createFetchProgress(total: number, mode: 'auto' | 'bar' | 'lines' | 'none', stream: NodeJS.WriteStream = process.stderr): FetchProgress {
  const resolved = mode === 'auto' ? (stream.isTTY ? 'bar' : 'lines') : mode;
  let all = total;
  let done = 0;
  let failed = 0;
  if (resolved === 'bar') {
    const multi = new cliProgress.MultiBar(
      { stream, format: '{bar} {value}/{total} 个网址 | 失败 {failed} | 剩余 {eta_formatted}', barCompleteChar: '█', barIncompleteChar: '░', hideCursor: true, clearOnComplete: false, fps: 10 },
      cliProgress.Presets.shades_classic,
    );
    const bar = multi.create(all, 0, { failed: 0 });
    return {
      add(n) {
        all += n;
        bar.setTotal(all);
      },
      tick(ok) {
        done++;
        if (!ok) failed++;
        bar.update(done, { failed });
      },
      log: (line) => multi.log(`${line}\n`),
      stop: () => multi.stop(),
    };
  }
  const started = Date.now();
  let lastAt = 0;
  return {
    add(n) {
      all += n;
    },
    tick(ok) {
      done++;
      if (!ok) failed++;
      const now = Date.now();
      if (resolved === 'lines' && (done === all || now - lastAt >= 1000)) {
        lastAt = now;
        stream.write(`nianbao: 进度 ${done}/${all} 个网址，失败 ${failed}，用时 ${((now - started) / 1000).toFixed(1)} 秒\n`);
      }
    },
    log: (line) => process.stdout.write(`${line}\n`),
    stop() {},
  };
}
