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

/**
 * A file the user supplied (a YAML setting file, an import table) cannot be used: names the file,
 * the line when known, and the reason. Start-up and the CLI treat it as configuration (exit 2).
 */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    /** 1-based; undefined when the file could not be read at all. */
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(line === undefined ? `${file}: ${reason}` : `${file}, dòng ${line}: ${reason}`);
    this.name = new.target.name;
  }
}
