/** Progress on standard error: a bar on a terminal, plain lines otherwise (logs, pipes, CI). */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(ok: boolean): void;
  stop(): void;
}

export function createProgress(total: number, mode: 'auto' | 'bar' | 'lines' | 'none', stream: NodeJS.WriteStream = process.stderr): Progress {
  const resolved = mode === 'auto' ? (stream.isTTY ? 'bar' : 'lines') : mode;
  let done = 0;
  let failed = 0;
  if (resolved === 'none' || total === 0) {
    return { tick: () => {}, stop: () => {} };
  }
  if (resolved === 'bar') {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{bar} {percentage}% | {value}/{total} 个文件 | 无法读取 {failed} | 剩余 {eta_formatted}',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { failed: 0 });
    return {
      tick(ok) {
        done++;
        if (!ok) failed++;
        bar.update(done, { failed });
      },
      stop() {
        bar.stop();
      },
    };
  }
  // plain lines: at most one a second, and every 10 %
  const started = Date.now();
  let lastAt = 0;
  let lastDecile = 0;
  const line = () => {
    const pct = Math.floor((done / total) * 100);
    const secs = (Date.now() - started) / 1000;
    stream.write(`nianbao: 进度 ${done}/${total}（${pct}%），无法读取 ${failed}，用时 ${secs.toFixed(1)} 秒\n`);
  };
  return {
    tick(ok) {
      done++;
      if (!ok) failed++;
      const now = Date.now();
      const decile = Math.floor((done / total) * 10);
      if (done === total || decile > lastDecile || now - lastAt >= 1000) {
        lastAt = now;
        lastDecile = decile;
        line();
      }
    },
    stop() {},
  };
}
