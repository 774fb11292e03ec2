/**
 * A mistake the user can fix: its message is a clear Vietnamese sentence shown as is, and
 * nothing was changed. Anything else is a bug or an outage: logged, and the user gets an apology.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
