// Who handles an exported petition or dossier: the "Cán bộ xử lý" column by username or full name
// (loosely: case, spacing and diacritics ignored), else the "Đơn vị" column's focal official or
// head. Anything ambiguous or unknown is refused with the reason, never guessed.
import type { Store } from '../../db/store/store.ts';
import { listUnitAssignees } from '../../db/store/duty-assignees.ts';
import { listOfficials } from '../../db/store/officials.ts';
import { listUnits } from '../../db/store/units.ts';
import type { Official } from '../../domain/model.ts';
import { foldWords } from '../fold-text.ts';
import { UnitMatcher } from '../plan/unit-matcher.ts';

export type Resolved = { username: string } | { problem: string };

export class AssigneeResolver {
  /** An export names the same few officials thousands of times. */
  private readonly answers = new Map<string, Resolved>();

  private constructor(
    private readonly officials: Official[],
    private readonly units: UnitMatcher,
    private readonly unitAssignees: Map<string, string | undefined>,
  ) {}

  static async load(db: Store): Promise<AssigneeResolver> {
    const assignees = await listUnitAssignees(db);
    return new AssigneeResolver(
      await listOfficials(db),
      new UnitMatcher(await listUnits(db)),
      new Map(assignees.map((unit) => [unit.unitCode, unit.assigneeUsername])),
    );
  }

  resolve(assignee: string, unit: string): Resolved {
    const key = `${assignee}\u0000${unit}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.resolveAfresh(assignee, unit);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private resolveAfresh(assignee: string, unit: string): Resolved {
    if (assignee) return this.byOfficial(assignee);
    if (unit) return this.byUnit(unit);
    return { problem: 'không có cán bộ xử lý hoặc đơn vị' };
  }

  private byOfficial(text: string): Resolved {
    const folded = foldWords(text);
    const matches = this.officials.filter(
      (official) =>
        official.username.toLowerCase() === text.trim().toLowerCase() || foldWords(official.fullName) === folded,
    );
    const active = matches.filter((official) => official.active);
    if (active.length === 1) return { username: active[0]!.username };
    if (active.length > 1) {
      return {
        problem: `"${text}" trùng tên ${active.length} cán bộ (${active.map((o) => o.username).join(', ')}): ghi tên đăng nhập`,
      };
    }
    if (matches.length > 0) return { problem: `cán bộ "${text}" không còn hoạt động` };
    return { problem: `cán bộ xử lý "${text}" không khớp tên đăng nhập hay họ tên nào` };
  }

  private byUnit(text: string): Resolved {
    const { unit } = this.units.owner(text);
    if (!unit) return { problem: `đơn vị "${text}" không khớp đơn vị nào` };
    const username = this.unitAssignees.get(unit.code);
    return username
      ? { username }
      : {
          problem: `đơn vị ${unit.code} chưa có cán bộ đầu mối, trưởng đơn vị hay quản trị viên (đặt bằng unit focal ${unit.code} <tên đăng nhập>)`,
        };
  }
}
