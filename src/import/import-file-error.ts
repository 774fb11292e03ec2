// A file that cannot be read as a table at all (missing, not CSV/XLSX, corrupt, no header row).
// It extends YamlFileError only because the CLI already maps that family to exit code 2 ("a file
// is bad, with its line and reason"); a dedicated branch in run-cli.ts would say it more plainly.
import { YamlFileError } from '../domain/yaml-file.ts';

export class ImportFileError extends YamlFileError {}
