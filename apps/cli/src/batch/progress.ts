import cliProgress from 'cli-progress';

/** A progress bar with a rate and an ETA on stderr, shown only to a person at a terminal. */
export function batchProgress(total: number, done: number, noun: string, enabled: boolean) {
  if (!enabled) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    format: `{bar} {percentage}% | {value}/{total} ${noun} | {speed}/s | ETA {eta_formatted}`,
    stream: process.stderr, hideCursor: true, etaBuffer: 200, fps: 5,
  }, cliProgress.Presets.shades_classic);
  const started = Date.now();
  let thisRun = 0;
  bar.start(total, done, { speed: '0' });
  return {
    tick: () => {
      thisRun += 1;
      bar.increment(1, { speed: (thisRun / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}
