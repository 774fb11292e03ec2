// A file that cannot be read as a table at all (missing, not CSV/XLSX, corrupt, no header row).
import { InputFileError } from '../domain/errors.ts';

export class ImportFileError extends InputFileError {}
