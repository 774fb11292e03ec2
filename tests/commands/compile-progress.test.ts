import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { reopenTask } from '../../src/db/store/task-closing.ts';
import { setFocalOfficial } from '../../src/db/store/units.ts';
import { generateRecurringTasks } from '../../src/services/duty-generation.ts';
import { chatHarness, NOW, TODAY } from '../chat/chat-harness.ts';
import { cli, makeOfficial, makeUnit } from '../support/factories.ts';
import { testProviders, useTestDatabase, type TestStore } from '../support/test-databases.ts';

const providers = await testProviders();
const AN_GIANG = fileURLToPath(new URL('../support/an-giang-stp-duties.yaml', import.meta.url));

async function anGiangSo(db: TestStore) {
  await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
  await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp' });
  await makeUnit(db, { code: 'PBT', name: 'Phòng Bổ trợ tư pháp' });
  const office = await makeOfficial(db, {
    username: 'vp-focal',
    fullName: 'Lê Thị Văn',
    unitCode: 'VP',
    role: 'admin',
  });
  await setFocalOfficial(db, 'VP', 'vp-focal', cli);
  const phc = await makeOfficial(db, { username: 'phc-head', unitCode: 'PHC', role: 'head' });
  await makeOfficial(db, { username: 'pbt-head', unitCode: 'PBT', role: 'head' });
  await generateRecurringTasks(db, { ...loadReferenceData({ DUTIES_FILE: AN_GIANG }), today: TODAY }, cli);
  const december = { dutyCode: 'bao-cao-thang', periodKey: '2026-12' };
  const compile = await db.task.findFirstOrThrow({ where: { ...december, unit: { code: 'VP' } } });
  const phcTask = await db.task.findFirstOrThrow({ where: { ...december, unit: { code: 'PHC' } } });
  const pbtTask = await db.task.findFirstOrThrow({ where: { ...december, unit: { code: 'PBT' } } });
  return { office, phc, compile, phcTask, pbtTask };
}

describe.each(providers)("the office's compile task in chat on %s", (provider) => {
  const db = useTestDatabase(provider);

  it('/viec and /tinhtrang show how many phòng have sent and name who is missing, following /xong and reopening', async () => {
    const so = await anGiangSo(db());
    const chat = chatHarness(db());

    const list = await chat.say(so.office, '/viec');
    expect(list).toContain(
      `📥 0/2 phòng đã nộp; chưa nộp: Phòng Bổ trợ tư pháp (#${so.pbtTask.id}), Phòng Hành chính tư pháp (#${so.phcTask.id})`,
    );

    expect(await chat.say(so.phc, `/xong ${so.phcTask.id}`)).toContain(`#${so.phcTask.id}`);
    const details = await chat.say(so.office, `/tinhtrang ${so.compile.id}`);
    expect(details).toContain(
      `• Báo cáo các phòng: 📥 1/2 phòng đã nộp; chưa nộp: Phòng Bổ trợ tư pháp (#${so.pbtTask.id})`,
    );

    await reopenTask(db(), so.phcTask.id, cli, new Date(NOW), 'thiếu số liệu');
    expect(await chat.say(so.office, `/tinhtrang ${so.compile.id}`)).toContain('📥 0/2 phòng đã nộp');

    // A phòng's own task says where it goes and which figures, and counts nobody.
    const own = await chat.say(so.phc, `/tinhtrang ${so.phcTask.id}`);
    expect(own).toContain('gửi Văn phòng Sở (số liệu từ 21/11 đến 20/12/2026)');
    expect(own).not.toContain('phòng đã nộp');
  });
});
