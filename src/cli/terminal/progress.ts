import cliProgress from 'cli-progress';

/** Progress of a run, per point: a bar per running point on a terminal, throttled lines otherwise. */
export interface ProgressView {
  update(point: string, stage: string, fraction: number, status: string): void;
  pointDone(point: string, done: number, total: number): void;
  stop(): void;
}

/** A progress view on stderr: cli-progress bars on a TTY, plain lines (at most every 5 s per point) when not. */
export function progressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  return stream.isTTY ? barView(stream) : lineView(stream);
}

function barView(stream: NodeJS.WriteStream): ProgressView {
  const multi = new cliProgress.MultiBar(
    { stream, format: ' {point} | {stage} | {bar} {percentage}% | {status}', hideCursor: true, clearOnComplete: false, barsize: 24 },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(point, stage, fraction, status) {
      let bar = bars.get(point);
      if (!bar) {
        bar = multi.create(1000, 0, { point, stage, status });
        bars.set(point, bar);
      }
      bar.update(Math.round(fraction * 1000), { point, stage, status });
    },
    pointDone(point, done, total) {
      bars.get(point)?.update(1000, { point, stage: 'done', status: `${done}/${total} points` });
    },
    stop: () => multi.stop(),
  };
}

function lineView(stream: NodeJS.WriteStream): ProgressView {
  const last = new Map<string, { at: number; stage: string }>();
  return {
    update(point, stage, fraction, status) {
      const now = Date.now();
      const prev = last.get(point);
      if (prev && prev.stage === stage && now - prev.at < 5000) return;
      last.set(point, { at: now, stage });
      stream.write(`[${point}] ${stage} ${(fraction * 100).toFixed(0)}% ${status}\n`);
    },
    pointDone(point, done, total) {
      stream.write(`[${point}] done (${done}/${total} points)\n`);
    },
    stop() {},
  };
}
