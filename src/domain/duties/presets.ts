// Catalogue presets: one duty file per plan under config/duties/, plus the shipped default
// (config/duties.yaml, the seeds' common ground). DUTIES_FILE picks one; `duties presets` lists them.
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecurringRule } from '../deadlines/rules.ts';
import { DutyCatalogueError, loadDutyCatalogue, SHIPPED_DUTIES_FILE } from './catalogue.ts';

export const SHIPPED_PRESETS_DIR = fileURLToPath(new URL('../../../config/duties/', import.meta.url));

export interface DutyPreset {
  /** Where it lies in the project folder, as DUTIES_FILE names it from there: "config/duties/gia-lai-2025.yaml". */
  file: string;
  path: string;
  name: string;
  province: string;
  plan: string;
  duties: number;
  /** Duties with a period of their own (the rest are counted from an event or wait for the admin). */
  datedDuties: number;
  isDefault: boolean;
  /** The file DUTIES_FILE names (or the default when it names none). */
  inUse: boolean;
  /** Why the file cannot be used, with its line; the other presets are still listed. */
  error?: string;
}

export function listDutyPresets(
  dutiesFile: string | undefined,
  presetsDir = SHIPPED_PRESETS_DIR,
  defaultFile = SHIPPED_DUTIES_FILE,
): DutyPreset[] {
  const inUse = resolve(dutiesFile ?? defaultFile);
  const files = readdirSync(presetsDir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(presetsDir, name));
  return [defaultFile, ...files].map((path) => describePreset(path, path === defaultFile, inUse));
}

function describePreset(path: string, isDefault: boolean, inUse: string): DutyPreset {
  const file = isDefault ? 'duties.yaml' : `${basename(dirname(path))}/${basename(path)}`;
  const base = { file: `config/${file}`, path, isDefault, inUse: resolve(path) === inUse };
  try {
    const catalogue = loadDutyCatalogue(path);
    const preset = catalogue.preset;
    return {
      ...base,
      name: preset?.name ?? basename(path, '.yaml'),
      province: preset?.province ?? '—',
      plan: preset?.plan ?? '—',
      duties: catalogue.duties.length,
      datedDuties: catalogue.duties.filter((duty) => isRecurringRule(duty.rule) && !duty.conditional).length,
    };
  } catch (error) {
    if (!(error instanceof DutyCatalogueError)) throw error;
    return { ...base, name: basename(path), province: '—', plan: '—', duties: 0, datedDuties: 0, error: error.message };
  }
}
