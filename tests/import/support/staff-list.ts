// A Sở's staff list as the office keeps it: 120 officials across 8 units, realistic Vietnamese
// names (some repeated across units, so usernames need a number), units written by code or by
// name, phones in the forms people type (and as Excel keeps a number cell: without its leading 0).
import ExcelJS from 'exceljs';

export const STAFF_UNITS = [
  { code: 'VP', name: 'Văn phòng Sở' },
  { code: 'PTP', name: 'Phòng Tư pháp' },
  { code: 'PHC', name: 'Phòng Hành chính tư pháp' },
  { code: 'PXD', name: 'Phòng Xây dựng và kiểm tra văn bản' },
  { code: 'PPB', name: 'Phòng Phổ biến giáo dục pháp luật' },
  { code: 'TTR', name: 'Thanh tra Sở' },
  { code: 'TGPL', name: 'Trung tâm Trợ giúp pháp lý' },
  { code: 'PCC', name: 'Phòng Công chứng số 1' },
] as const;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Đức', 'Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh'];
const GIVEN2 = ['Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Yến'];

export interface StaffMember {
  fullName: string;
  unit: string;
  unitCode: string;
  title: string;
  phone: string | number;
  email: string;
}

function titleOf(index: number, inUnit: number): string {
  if (inUnit === 0) return 'Trưởng phòng';
  if (inUnit === 1) return 'Phó Trưởng phòng';
  return index === 16 ? 'Quản trị' : 'Chuyên viên';
}

/** "090 123 4567", "+84 35…", or a number cell that lost its 0 (Excel): all Vietnamese mobiles. */
function phoneOf(index: number): string | number {
  const subscriber = String(1_000_000 + index * 7919).slice(-7);
  if (index % 3 === 0) return `09${index % 10} ${subscriber.slice(0, 3)} ${subscriber.slice(3)}`;
  if (index % 3 === 1) return `+84 3${(index % 8) + 2}${subscriber}`;
  return Number(`8${(index % 9) + 1}${subscriber}`);
}

/** 15 people per unit; the head first, a deputy second; "Lê Thị Bích" in two units. */
export function staffList(count = 120): StaffMember[] {
  const people: StaffMember[] = [];
  const seen = new Set<string>();
  const given = [...GIVEN, ...GIVEN2];
  for (let index = 0; index < count; index++) {
    const unit = STAFF_UNITS[index % STAFF_UNITS.length]!;
    const inUnit = Math.floor(index / STAFF_UNITS.length);
    let fullName = 'Lê Thị Bích';
    if (inUnit !== 3 || (unit.code !== 'PTP' && unit.code !== 'PHC')) {
      // Two people of one unit never share a name here: that is a refused row, tested elsewhere.
      for (let shift = 0; shift === 0 || seen.has(`${unit.code}|${fullName}`); shift++)
        fullName = `${FAMILY[index % FAMILY.length]} ${MIDDLE[(index * 7 + shift) % MIDDLE.length]} ${given[(index * 5) % given.length]}`;
    }
    seen.add(`${unit.code}|${fullName}`);
    const title = titleOf(index, inUnit);
    const phone = phoneOf(index);
    people.push({
      fullName,
      unit: index % 2 === 0 ? unit.code : unit.name,
      unitCode: unit.code,
      title,
      phone,
      email: index % 4 === 0 ? `canbo${index}@stp.gov.vn` : '',
    });
  }
  return people;
}

export async function writeStaffXlsx(path: string, people: StaffMember[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['DANH SÁCH CÁN BỘ, CÔNG CHỨC SỞ TƯ PHÁP']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['STT', 'Họ và tên', 'Đơn vị', 'Chức vụ/Vai trò', 'Số điện thoại', 'Email']);
  people.forEach((person, index) =>
    sheet.addRow([index + 1, person.fullName, person.unit, person.title, person.phone, person.email]),
  );
  await workbook.xlsx.writeFile(path);
}
