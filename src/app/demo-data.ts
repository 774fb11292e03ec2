// `npm start -- --demo`: a small Sở with units, officials and tasks (some overdue relative to the
// clock), so a newcomer sees the bot at work at once. Loading twice changes nothing.
import type { Store } from '../db/store/store.ts';
import { addOfficial, findOfficialByUsername, listOfficials } from '../db/store/officials.ts';
import { linkConsoleIdentity } from '../db/store/identities.ts';
import { addTask, markTaskDone } from '../db/store/tasks.ts';
import { addUnit, listUnits, setFocalOfficial } from '../db/store/units.ts';
import { UserError } from '../domain/errors.ts';
import { DEMO_DATABASE_URL } from './start-options.ts';
import { addDays, vietnamInstant, type LocalDate } from '../domain/local-date.ts';
import type { Actor, Role } from '../domain/model.ts';

/** Who the console acts as in the demo: a head, so /quahan shows a whole unit. */
export const DEMO_USERNAME = 'lethib';

const system: Actor = { kind: 'system' };

const UNITS: { code: string; name: string; parentCode?: string }[] = [
  { code: 'SO', name: 'Sở Tư pháp (dữ liệu mẫu)' },
  { code: 'VP', name: 'Văn phòng Sở', parentCode: 'SO' },
  { code: 'PTP', name: 'Phòng Tư pháp', parentCode: 'SO' },
  { code: 'TKS', name: 'Tổ Kiểm soát thủ tục hành chính', parentCode: 'PTP' },
  { code: 'PHC', name: 'Phòng Hành chính tư pháp', parentCode: 'SO' },
];

const OFFICIALS: { username: string; fullName: string; unitCode: string; role: Role }[] = [
  { username: 'nguyenvana', fullName: 'Nguyễn Văn An', unitCode: 'VP', role: 'admin' },
  { username: 'lethib', fullName: 'Lê Thị Bích', unitCode: 'PTP', role: 'head' },
  { username: 'tranvanc', fullName: 'Trần Văn Cường', unitCode: 'PTP', role: 'member' },
  { username: 'phamthid', fullName: 'Phạm Thị Dung', unitCode: 'TKS', role: 'member' },
  { username: 'hoangvane', fullName: 'Hoàng Văn Em', unitCode: 'PHC', role: 'head' },
  { username: 'vuthig', fullName: 'Vũ Thị Giang', unitCode: 'PHC', role: 'member' },
];

/** Due dates as days from today: negative ones are overdue when the demo starts. */
const TASKS: { title: string; assignee: string; dueIn: number; done?: boolean }[] = [
  { title: 'Báo cáo tình hình, kết quả KSTTHC tháng', assignee: 'tranvanc', dueIn: -4 },
  { title: 'Trả lời phản ánh, kiến nghị số 15/PAKN về thủ tục chứng thực', assignee: 'tranvanc', dueIn: 2 },
  { title: 'Công khai danh sách hồ sơ quá hạn trên Cổng dịch vụ công', assignee: 'phamthid', dueIn: -1 },
  { title: 'Rà soát, đánh giá thủ tục hành chính năm', assignee: 'phamthid', dueIn: 10 },
  {
    title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả: hồ sơ 000.00.12.H39-261110-0003',
    assignee: 'lethib',
    dueIn: -2,
  },
  { title: 'Báo cáo KSTTHC quý', assignee: 'lethib', dueIn: 5 },
  { title: 'Tổng hợp kết quả giải quyết hồ sơ trong tuần', assignee: 'lethib', dueIn: -3, done: true },
  { title: 'Cập nhật thủ tục hành chính lên Cơ sở dữ liệu quốc gia', assignee: 'vuthig', dueIn: -6 },
  { title: 'Niêm yết công khai thủ tục mới ban hành', assignee: 'vuthig', dueIn: 1 },
  { title: 'Kiểm tra việc tiếp nhận hồ sơ tại Bộ phận Một cửa', assignee: 'hoangvane', dueIn: 0 },
];

/**
 * The demo runs only on a database that holds nothing but the demo: a unit or official that is
 * not the demo's means real data (or someone's test data), and the demo must not mix into it.
 */
export async function requireDemoOnlyDatabase(db: Store, shownUrl: string): Promise<void> {
  const units = new Set(UNITS.map((unit) => unit.code));
  const officials = new Set(OFFICIALS.map((official) => official.username));
  const foreignUnits = (await listUnits(db)).map((unit) => unit.code).filter((code) => !units.has(code));
  const foreignOfficials = (await listOfficials(db))
    .map((official) => official.username)
    .filter((username) => !officials.has(username));
  if (foreignUnits.length === 0 && foreignOfficials.length === 0) return;
  const found = [
    ...(foreignUnits.length ? [`đơn vị ${sample(foreignUnits)}`] : []),
    ...(foreignOfficials.length ? [`cán bộ ${sample(foreignOfficials)}`] : []),
  ].join('; ');
  throw new UserError(
    `--demo không chạy trên cơ sở dữ liệu ${shownUrl}: ở đó có dữ liệu không phải dữ liệu mẫu (${found}). ` +
      `Dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu riêng: bỏ --demo-db để dùng ${DEMO_DATABASE_URL}, ` +
      `hoặc chỉ --demo-db tới một tệp mới.`,
    'DEMO_DATABASE_NOT_EMPTY',
  );
}

function sample(names: string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} và ${names.length - 5} khác` : names.join(', ');
}

/** Loads the demo unless it is already there; returns whether anything was added. */
export async function loadDemoData(db: Store, today: LocalDate): Promise<boolean> {
  if (await findOfficialByUsername(db, DEMO_USERNAME)) return false;
  for (const unit of UNITS) await addUnit(db, unit, system);
  for (const official of OFFICIALS) {
    await addOfficial(db, official, system);
    // Their reminders print in the demo terminal (📨 console:<username>).
    await linkConsoleIdentity(db, official.username);
  }
  await setFocalOfficial(db, 'TKS', 'phamthid', system);
  for (const task of TASKS) {
    const dueDate = addDays(today, task.dueIn);
    const added = await addTask(
      db,
      { title: task.title, assigneeUsername: task.assignee, dueDate, announce: false },
      system,
    );
    if (task.done) await markTaskDone(db, added.id, system, vietnamInstant(addDays(dueDate, -1), '16:30'));
  }
  return true;
}
