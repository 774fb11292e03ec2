import type { Config } from '../config/config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Store } from '../db/store/store.ts';
import type { Actor } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** What every admin command gets: the database, the clock, and where to print. */
export interface CliContext {
  db: Store;
  clock: Clock;
  io: CliIo;
  actor: Actor;
  /** The work calendar and the duty catalogue (from CALENDAR_FILE / DUTIES_FILE). */
  reference: ReferenceData;
  /** A command that ran but found a problem to report (`calendar check`) sets 1. */
  exitCode?: number;
  /** The validated settings (backup and restore: the database URL and BACKUP_DIR; link-sheet: the bot's name). */
  config: Config;
}

export interface JsonOption {
  json?: boolean;
}

/** Prints either the machine form (one JSON document) or the human text. */
export function emit(context: CliContext, options: JsonOption, data: unknown, human: () => string): void {
  context.io.out(options.json ? JSON.stringify(data, null, 2) : human());
}
