// Factories with partial overrides: a test states only what it cares about.
import type { TestStore } from './test-databases.ts';
import { addOfficial } from '../../src/db/store/officials.ts';
import { addTask, type NewTask } from '../../src/db/store/tasks.ts';
import { addUnit } from '../../src/db/store/units.ts';
import type { Actor, Official, Role, Task, Unit } from '../../src/domain/model.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';

export const cli: Actor = { kind: 'cli' };
let sequence = 0;
const next = () => ++sequence;

export async function makeUnit(
  db: TestStore,
  overrides: Partial<{ code: string; name: string; parentCode: string }> = {},
): Promise<Unit> {
  const n = next();
  return addUnit(
    db,
    { code: overrides.code ?? `U${n}`, name: overrides.name ?? `Phòng số ${n}`, parentCode: overrides.parentCode },
    cli,
  );
}

export async function makeOfficial(
  db: TestStore,
  overrides: Partial<{ username: string; fullName: string; unitCode: string; role: Role }> = {},
): Promise<Official> {
  const n = next();
  const unitCode = overrides.unitCode ?? (await makeUnit(db)).code;
  return addOfficial(
    db,
    {
      username: overrides.username ?? `canbo${n}`,
      fullName: overrides.fullName ?? `Cán bộ ${n}`,
      unitCode,
      role: overrides.role ?? 'member',
    },
    cli,
  );
}

export async function makeTask(db: TestStore, overrides: Partial<NewTask> = {}): Promise<Task> {
  const assigneeUsername = overrides.assigneeUsername ?? (await makeOfficial(db)).username;
  return addTask(
    db,
    // Announcing a new task is tested where it matters; other tests count notices without it.
    { title: `Việc ${next()}`, dueDate: '2026-11-30' as LocalDate, announce: false, ...overrides, assigneeUsername },
    cli,
  );
}
