// A hand-counted month (11/2026) for the report tests. Units: SO (Sở Tư pháp) ⊃ PTP ⊃ TO, SO ⊃ PKS,
// and YT (Sở Y tế) beside it. The expected figures in the tests are counted from this file by
// hand, task by task; "as of" is 30/11/2026 (a task due that day is not yet overdue).
import type { TestStore } from '../../support/test-databases.ts';
import { addDossierWithApologyTask, markDossierReturned } from '../../../src/db/store/dossiers.ts';
import { addOfficial } from '../../../src/db/store/officials.ts';
import { addTask, cancelOpenTask, markTaskDone } from '../../../src/db/store/tasks.ts';
import { addUnit } from '../../../src/db/store/units.ts';
import { vietnamDateOf, type LocalDate } from '../../../src/domain/local-date.ts';
import type { Actor } from '../../../src/domain/model.ts';

const cli: Actor = { kind: 'cli' };
export const AS_OF = '2026-11-30' as LocalDate;

async function task(
  db: TestStore,
  username: string,
  due: string,
  extra: { dutyCode?: string; sourceRef?: string; title?: string } = {},
): Promise<number> {
  const created = await addTask(
    db,
    { title: extra.title ?? `Việc hạn ${due}`, assigneeUsername: username, dueDate: due as LocalDate, ...extra },
    cli,
  );
  return created.id;
}

async function done(db: TestStore, id: number, instant: string): Promise<void> {
  await markTaskDone(db, id, cli, new Date(instant));
}

async function dossier(
  db: TestStore,
  code: string,
  username: string,
  due: string,
  apologyDue: string,
): Promise<number> {
  const { apologyTaskId } = await addDossierWithApologyTask(
    db,
    {
      code,
      title: `Hồ sơ ${code}`,
      assigneeUsername: username,
      dueDate: due as LocalDate,
      apologyDueDate: apologyDue as LocalDate,
      apologyTitle: `Thư xin lỗi hồ sơ ${code}`,
    },
    cli,
  );
  return apologyTaskId;
}

async function returned(db: TestStore, code: string, instant: string): Promise<void> {
  const now = new Date(instant);
  await markDossierReturned(db, code, vietnamDateOf(now), now, cli);
}

export async function seedNovember(db: TestStore): Promise<{ ids: Record<string, number> }> {
  await addUnit(db, { code: 'SO', name: 'Sở Tư pháp' }, cli);
  await addUnit(db, { code: 'PTP', name: 'Phòng Hành chính tư pháp', parentCode: 'SO' }, cli);
  await addUnit(db, { code: 'TO', name: 'Tổ tiếp nhận và trả kết quả', parentCode: 'PTP' }, cli);
  await addUnit(db, { code: 'PKS', name: 'Phòng Kiểm soát thủ tục hành chính', parentCode: 'SO' }, cli);
  await addUnit(db, { code: 'YT', name: 'Sở Y tế' }, cli);
  for (const [username, fullName, unitCode] of [
    ['vana', 'Nguyễn Văn An', 'SO'],
    ['lethib', 'Lê Thị Bích', 'PTP'],
    ['tranc', 'Trần Văn Cường', 'TO'],
    ['phamd', 'Phạm Thị Dung', 'PKS'],
    ['ngoe', 'Ngô Văn Em', 'YT'],
  ] as const) {
    await addOfficial(db, { username, fullName, unitCode, role: 'member' }, cli);
  }

  const ids: Record<string, number> = {};
  // SO
  ids.T5 = await task(db, 'vana', '2026-11-10');
  await done(db, ids.T5, '2026-11-09T02:00:00Z'); // on time
  // PTP
  ids.T1 = await task(db, 'lethib', '2026-11-20');
  await done(db, ids.T1, '2026-11-20T16:30:00Z'); // 23:30 on 20/11 in Vietnam: on time
  ids.T2 = await task(db, 'lethib', '2026-11-20');
  await done(db, ids.T2, '2026-11-20T17:30:00Z'); // 00:30 on 21/11 in Vietnam (UTC still says 20/11): late
  ids.P1 = await task(db, 'lethib', '2026-11-23', { dutyCode: 'pakn', sourceRef: 'PAKN-01', title: 'Trả lời PAKN-01' });
  await done(db, ids.P1, '2026-11-24T17:30:00Z'); // 25/11 in Vietnam: 2 days late (UTC would say 1)
  ids.T9a = await task(db, 'lethib', '2026-10-31'); // other months: not in the report
  ids.T9b = await task(db, 'lethib', '2026-12-01');
  // TO
  ids.T3 = await task(db, 'tranc', '2026-11-25'); // open: overdue
  ids.T4 = await task(db, 'tranc', '2026-11-30');
  await done(db, ids.T4, '2026-11-30T10:00:00Z'); // on time
  ids.P3 = await task(db, 'tranc', '2026-11-26', { dutyCode: 'pakn', sourceRef: 'PAKN-03', title: 'Trả lời PAKN-03' }); // open: overdue 4 days
  // PKS
  ids.T6 = await task(db, 'phamd', '2026-11-30'); // open, due today: not yet overdue
  ids.T7 = await task(db, 'phamd', '2026-11-29'); // open, due yesterday: overdue
  ids.T8 = await task(db, 'phamd', '2026-11-15');
  await db.$transaction((tx) => cancelOpenTask(tx, ids.T8!, cli, 'giao nhầm')); // cancelled: never counted
  ids.P2 = await task(db, 'phamd', '2026-11-23', { dutyCode: 'pakn', sourceRef: 'PAKN-02', title: 'Trả lời PAKN-02' });
  await done(db, ids.P2, '2026-11-23T16:59:00Z'); // 23:59 on 23/11 in Vietnam: on time
  // YT
  ids.T10 = await task(db, 'ngoe', '2026-11-20');
  await done(db, ids.T10, '2026-11-22T03:00:00Z'); // late

  // Dossiers; each comes with its apology-letter task (a task too, counted with the unit's tasks).
  ids.H1a = await dossier(db, 'HS-01', 'lethib', '2026-11-18', '2026-11-17');
  await returned(db, 'HS-01', '2026-11-18T09:00:00Z'); // on time → apology task cancelled
  ids.H2a = await dossier(db, 'HS-02', 'lethib', '2026-11-19', '2026-11-18');
  await done(db, ids.H2a, '2026-11-18T02:00:00Z'); // apology letter sent in time
  await returned(db, 'HS-02', '2026-11-19T17:30:00Z'); // 00:30 on 20/11 in Vietnam: 1 day late
  ids.H3a = await dossier(db, 'HS-03', 'tranc', '2026-11-24', '2026-11-23'); // still processing: late 6 days, no apology
  ids.H4a = await dossier(db, 'HS-04', 'phamd', '2026-11-27', '2026-11-26');
  await returned(db, 'HS-04', '2026-11-28T02:00:00Z'); // 1 day late, apology still open
  ids.H5a = await dossier(db, 'HS-05', 'phamd', '2026-11-30', '2026-11-29'); // due today: pending (its apology task is overdue)
  ids.H6a = await dossier(db, 'HS-06', 'ngoe', '2026-11-20', '2026-11-19');
  await returned(db, 'HS-06', '2026-11-20T01:00:00Z'); // on time
  return { ids };
}
