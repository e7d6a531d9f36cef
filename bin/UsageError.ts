/**
 * A mistake in how the CLI was called or in what it was given (missing or unreadable file,
 * bad option value, unwritable output). The CLI prints its one-line message, no stack trace,
 * and exits with code 2. Anything else that escapes is a bug: exit code 1 with the stack.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
