// Presets through the admin CLI: `duties presets` lists them, DUTIES_FILE picks one, `duties list`
// and `duties generate` follow it, and a "(nếu có)" duty waits for `task add --duty … --period`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { cli as runCli } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const NOW = { NHACVIEC_FAKE_NOW: '2026-11-23T08:00:00+07:00' };
const AN_GIANG_STP = { ...NOW, DUTIES_FILE: 'config/duties/an-giang-stp-2024.yaml' };
const KON_TUM_STP = { ...NOW, DUTIES_FILE: 'config/duties/kon-tum-stp-2025.yaml' };

describe.each(providers)('duty catalogue presets from the CLI, on %s', (provider) => {
  let database: TestDatabase;
  const db = () => database.client;
  const cli = (args: string[], env: Record<string, string> = NOW) => runCli(database.url, args, env);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await makeUnit(db(), { code: 'VP', name: 'Văn phòng Sở' });
    await makeUnit(db(), { code: 'PHC', name: 'Phòng Hành chính tư pháp' });
    await makeUnit(db(), { code: 'PBT', name: 'Phòng Bổ trợ tư pháp' });
    await makeOfficial(db(), { username: 'vpadmin', unitCode: 'VP', role: 'admin' });
    await makeOfficial(db(), { username: 'phchead', unitCode: 'PHC', role: 'head' });
    await makeOfficial(db(), { username: 'pbthead', unitCode: 'PBT', role: 'head' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('lists the presets with name, province, plan, number of duties and file, starring the one in use', async () => {
    const result = await cli(['duties', 'presets'], AN_GIANG_STP);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      '  config/duties.yaml (mặc định)\n    Danh mục chung (điểm chung các kế hoạch mẫu)',
    );
    expect(result.stdout).toContain(
      '* config/duties/an-giang-stp-2024.yaml\n    Sở Tư pháp An Giang 2024 — An Giang — Kế hoạch 56/KH-STP ngày 19/03/2024 của Sở Tư pháp An Giang; 12 nhiệm vụ (4 theo kỳ)',
    );
    const json = JSON.parse((await cli(['duties', 'presets', '--json'])).stdout);
    expect(json.filter((p: { inUse: boolean }) => p.inUse).map((p: { file: string }) => p.file)).toEqual([
      'config/duties.yaml',
    ]);
  });

  it("shows the plan's own days with DUTIES_FILE", async () => {
    const list = await cli(['duties', 'list'], AN_GIANG_STP);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      /^bao-cao-thang\tcác phòng gửi Văn phòng Sở chậm nhất ngày 21 hằng tháng; Văn phòng Sở tổng hợp gửi UBND tỉnh trước ngày 23 hằng tháng; số liệu từ ngày 21/m,
    );
    expect(list.stdout).toMatch(/^bao-cao-nq131\tchậm nhất ngày 19 của tháng cuối mỗi quý\tVP\t/m);
    expect(list.stdout).toMatch(
      /^bao-cao-quy\tcác phòng gửi Văn phòng Sở trước ngày 14 của tháng cuối quý I, II, III; Văn phòng Sở tổng hợp gửi UBND tỉnh chậm nhất ngày 19/m,
    );
    const kontum = await cli(['duties', 'list'], KON_TUM_STP);
    expect(kontum.stdout).toMatch(/^phe-duyet-danh-muc-dvc\ttrước ngày 25 hằng tháng \(nếu có\)\tmọi đơn vị\t/m);
    expect(kontum.stdout).toMatch(/^cong-bo-danh-muc\tchậm nhất trước 5 ngày tính đến ngày văn bản/m);
  });

  it('generates the An Giang Sở Tư pháp tasks with their titles', async () => {
    const result = await cli(['duties', 'generate', '--until', '31/12/2026', '--json'], AN_GIANG_STP);
    expect(result.code, result.stderr).toBe(0);
    const tasks = await db().task.findMany({ include: { unit: true }, orderBy: { id: 'asc' } });
    // The chain: PHC and PBT report to the office by the 21st (no later than), the office compiles
    // for UBND tỉnh before the 23rd — one task, never a report to itself.
    const december = tasks.filter((t) => t.dutyCode === 'bao-cao-thang' && t.periodKey === '2026-12');
    const span = '(số liệu từ 21/11 đến 20/12/2026)';
    expect(december.map((t) => [t.unit.code, t.targetDate, t.dueDate, t.title]).sort()).toEqual([
      ['PBT', '2026-12-21', '2026-12-21', `Báo cáo kết quả kiểm soát TTHC tháng 12/2026, gửi Văn phòng Sở ${span}`],
      ['PHC', '2026-12-21', '2026-12-21', `Báo cáo kết quả kiểm soát TTHC tháng 12/2026, gửi Văn phòng Sở ${span}`],
      [
        'VP',
        '2026-12-22',
        '2026-12-22',
        `Tổng hợp, gửi UBND tỉnh: Báo cáo kết quả kiểm soát TTHC tháng 12/2026 ${span}`,
      ],
    ]);
    const compile = december.find((t) => t.unit.code === 'VP')!;
    expect(
      december
        .filter((t) => t.compileTaskId === compile.id)
        .map((t) => t.unit.code)
        .sort(),
    ).toEqual(['PBT', 'PHC']);
    // Its reminders say who has not reported: the same line `task list` shows.
    const listed = await cli(['task', 'list', '--unit', 'VP'], AN_GIANG_STP);
    expect(listed.stdout).toContain('📥 0/2 phòng đã nộp; chưa nộp: Phòng Bổ trợ tư pháp');
    expect(tasks.filter((t) => t.dutyCode === 'bao-cao-nq131').map((t) => t.title)).toEqual([
      'Báo cáo thực hiện Nghị quyết 131/NQ-CP quý IV/2026 gửi UBND tỉnh',
    ]);
    expect(
      tasks
        .filter((t) => t.dutyCode === 'bao-cao-nam')
        .map((t) => t.unit.code)
        .sort(),
    ).toEqual(['PBT', 'PHC', 'VP']);
  });

  it('leaves a "(nếu có)" duty to the office, which gives one period with task add --period', async () => {
    const generated = await cli(['duties', 'generate', '--json'], KON_TUM_STP);
    expect(generated.code, generated.stderr).toBe(0);
    expect(JSON.parse(generated.stdout)).toMatchObject({ created: [], conditionalDuties: ['phe-duyet-danh-muc-dvc'] });
    expect((await cli(['duties', 'generate'], KON_TUM_STP)).stdout).toContain(
      'Nhiệm vụ "(nếu có)" phe-duyet-danh-muc-dvc không tự tạo; khi có việc: task add --duty phe-duyet-danh-muc-dvc --period <kỳ> --assignee <tên đăng nhập>',
    );
    expect(await db().task.count({ where: { dutyCode: 'phe-duyet-danh-muc-dvc' } })).toBe(0);

    const added = await cli(
      ['task', 'add', '--duty', 'phe-duyet-danh-muc-dvc', '--period', '2026-12', '--assignee', 'phchead', '--json'],
      KON_TUM_STP,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      title: 'Rà soát, trình phê duyệt danh mục TTHC cung cấp dịch vụ công trực tuyến tháng 12/2026',
      dueDate: '2026-12-24',
      unitCode: 'PHC',
    });

    const again = await cli(
      ['task', 'add', '--duty', 'phe-duyet-danh-muc-dvc', '--period', '2026-12', '--assignee', 'phchead'],
      KON_TUM_STP,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã có');
  });

  it.each([
    [['--period', '2026-Q4'], 'Kỳ "2026-Q4" không hợp lệ cho "phe-duyet-danh-muc-dvc" (ví dụ --period 2026-11)'],
    [['--period', '2026-12', '--due', '24/12/2026'], 'Chỉ dùng một trong ba'],
  ])('refuses task add --duty phe-duyet-danh-muc-dvc %j and changes nothing', async (extra, message) => {
    const before = await db().task.count();
    const result = await cli(
      ['task', 'add', '--duty', 'phe-duyet-danh-muc-dvc', '--assignee', 'phchead', ...extra],
      KON_TUM_STP,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(await db().task.count()).toBe(before);
  });

  it('refuses --period for a duty counted from an event', async () => {
    const result = await cli(
      ['task', 'add', '--duty', 'quy-trinh-noi-bo', '--period', '2026-12', '--assignee', 'phchead'],
      KON_TUM_STP,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('tính từ một ngày: dùng --from <ngày> thay cho --period');
  });
});
