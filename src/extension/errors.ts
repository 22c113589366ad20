/** Errors meant for the user: shown as they are, without "internal error" framing or a stack. */

/** A failure the user can act on; its message names the file, the place and what to do. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/** The user dismissed a prompt: the command stops quietly. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor() {
    super('cancelled');
  }
}

/** Returns the value or stops the command quietly when a prompt was dismissed. */
export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}
