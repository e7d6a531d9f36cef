/** The run was interrupted by a signal (Ctrl-C: SIGINT, or SIGTERM); its outputs were removed. */
export class InterruptedError extends Error {
  /** The signal received. */
  readonly signal: string;

  constructor(signal: string) {
    super(`interrupted by ${signal}; nothing was written`);
    this.name = 'InterruptedError';
    this.signal = signal;
  }
}
