// Which known unit a plan names as owner ("Cơ quan chủ trì"). Plans write names freely: with or
// without diacritics, "VP" for "Văn phòng", "UBND" for "Ủy ban nhân dân", several units in one cell.
// The first unit named is the owner; a name that matches no unit is reported, never guessed.
import { foldWords } from '../fold-text.ts';

export interface KnownUnit {
  code: string;
  name: string;
  parentCode?: string | null;
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bvp\b/g, 'van phong'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
];

function comparable(text: string): string {
  return ABBREVIATIONS.reduce((folded, [pattern, full]) => folded.replace(pattern, full), foldWords(text));
}

/** The first unit of the cell: cells list several, separated by ";" or "- " bullets on new lines. */
export function firstNamedUnit(cell: string): string {
  // "Đơn vị chủ trì: Sở Nội vụ. Đơn vị phối hợp: Văn phòng UBND tỉnh" (001): only the owner part.
  const withoutLabel = cell
    .replace(/^.*?ch[ủu] tr[ìi]\s*:/i, '')
    .replace(/(?:[đdp][ơo]n v[ịi] )?ph[ốôo]i h[ợơo]p\s*:.*$/is, '');
  const segments = withoutLabel.split(/;|\n\s*[-+•]|^\s*[-+•]/).map((part) =>
    part
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.,;:]+$/, ''),
  );
  return segments.find((part) => part.length > 0) ?? '';
}

/**
 * Owner cells that name a group, not a unit: "Các phòng, đơn vị thuộc Sở" (every unit of the Sở but
 * the Sở itself), "Các phòng chuyên môn" (every phòng). Folded, abbreviations expanded.
 */
const GROUPS: { pattern: RegExp; label: string; member: (name: string) => boolean }[] = [
  {
    pattern: /^cac phong,? (?:ban,? )?(?:va )?don vi(?: truc)?(?: thuoc so)?\b/,
    label: 'các phòng, đơn vị thuộc Sở',
    member: () => true,
  },
  {
    pattern: /^cac phong(?: chuyen mon| thuoc so| nghiep vu)?$/,
    label: 'các phòng chuyên môn',
    member: (name) => /^phong\b/.test(name),
  },
];

export class UnitMatcher {
  private readonly names: { unit: KnownUnit; name: string }[];
  constructor(private readonly units: readonly KnownUnit[]) {
    this.names = units.map((unit) => ({ unit, name: comparable(unit.name) })).filter((entry) => entry.name.length > 0);
  }

  /**
   * The units a "Cơ quan chủ trì" cell makes answerable: its one owner unit, or every member of a
   * group it names ("Các phòng, đơn vị thuộc Sở": one task each). Empty when nothing matched.
   */
  owners(cell: string): { units: KnownUnit[]; named: string; group?: string } {
    const named = firstNamedUnit(cell);
    const folded = comparable(named);
    const group = GROUPS.find((candidate) => candidate.pattern.test(folded));
    if (group) {
      const units = this.unitsOfTheSo()
        .filter((entry) => group.member(entry.name))
        .map((entry) => entry.unit);
      return { units, named, group: group.label };
    }
    const { unit } = this.owner(cell);
    return { units: unit ? [unit] : [], named };
  }

  /** The units below the Sở (a top unit named "Sở …"), or every unit but a Sở when there is none. */
  private unitsOfTheSo(): { unit: KnownUnit; name: string }[] {
    const roots = new Set(
      this.names.filter((entry) => !entry.unit.parentCode && /^so\b/.test(entry.name)).map((entry) => entry.unit.code),
    );
    if (roots.size === 0) return this.names.filter((entry) => !/^so\b/.test(entry.name));
    const parentOf = new Map(this.units.map((unit) => [unit.code, unit.parentCode ?? null]));
    const below = (code: string): boolean => {
      for (let parent = parentOf.get(code), hops = 0; parent && hops < 50; parent = parentOf.get(parent), hops++)
        if (roots.has(parent)) return true;
      return false;
    };
    return this.names.filter((entry) => below(entry.unit.code));
  }

  /** The owner unit of a "Cơ quan chủ trì" cell, or undefined (with the text that matched nothing). */
  owner(cell: string): { unit?: KnownUnit; named: string } {
    const named = firstNamedUnit(cell);
    if (!named) return { named };
    const byCode = this.units.find((unit) => unit.code.toLowerCase() === named.toLowerCase());
    if (byCode) return { unit: byCode, named };
    const text = ` ${comparable(named)} `;
    let best: { unit: KnownUnit; index: number; length: number } | undefined;
    for (const { unit, name } of this.names) {
      const index = text.indexOf(` ${name} `);
      if (index < 0) continue;
      // The earliest name wins; at the same place the longer one ("Văn phòng UBND tỉnh" over "Văn phòng").
      if (!best || index < best.index || (index === best.index && name.length > best.length))
        best = { unit, index, length: name.length };
    }
    return best ? { unit: best.unit, named } : { named };
  }
}
