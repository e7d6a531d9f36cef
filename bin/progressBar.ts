/**
 * The terminal progress bar of a run (cli-progress on stderr). Shown only when stderr is a
 * terminal and the run is not `--quiet`; otherwise every call is a no-op, so pipes, CI logs and
 * tests see only the final summary.
 */
import cliProgress from 'cli-progress';

/** A progress display fed with runWorld's progress callback. */
export interface Progress {
  update(fraction: number, tick: number, inside: number): void;
  stop(): void;
}

/** A bar when `enabled` and stderr is a TTY; a silent stand-in otherwise. */
export function createProgress(enabled: boolean, stepS: number): Progress {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '  {bar} {percentage}% | {timeS} s simulated | {inside} inside | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { timeS: '0.0', inside: 0 });
  return {
    update(fraction, tick, inside) {
      bar.update(Math.round(fraction * 1000), { timeS: (tick * stepS).toFixed(1), inside });
    },
    stop() {
      bar.stop();
    },
  };
}
