// Which known unit a plan names as owner ("Cơ quan chủ trì"). Plans write names freely: with or
// without diacritics, "VP" for "Văn phòng", "UBND" for "Ủy ban nhân dân", several units in one cell.
// The first unit named is the owner; a name that matches no unit is reported, never guessed.
import { foldWords } from '../fold-text.ts';

export interface KnownUnit {
  code: string;
  name: string;
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

export class UnitMatcher {
  private readonly names: { unit: KnownUnit; name: string }[];
  constructor(private readonly units: readonly KnownUnit[]) {
    this.names = units.map((unit) => ({ unit, name: comparable(unit.name) })).filter((entry) => entry.name.length > 0);
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
