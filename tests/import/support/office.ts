// A Sở Tư pháp with the units the fixture plans name, on a fresh SQLite file per call.
import { setFocalOfficial } from '../../../src/db/store/units.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-databases.ts';
import { cli, makeOfficial, makeUnit } from '../../support/factories.ts';
import type { DatabaseProvider } from '../../../src/db/database.ts';

export async function officeDatabase(provider: DatabaseProvider = 'sqlite'): Promise<TestDatabase> {
  const database = await createTestDatabase(provider);
  const db = database.client;
  await makeUnit(db, { code: 'SO', name: 'Sở Tư pháp' });
  await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở', parentCode: 'SO' });
  await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp', parentCode: 'SO' });
  await makeUnit(db, { code: 'PXD', name: 'Phòng Xây dựng, kiểm tra và Phổ biến pháp luật', parentCode: 'SO' });
  await makeUnit(db, { code: 'VPUB', name: 'Văn phòng UBND tỉnh' });
  await makeUnit(db, { code: 'PCC', name: 'Phòng Công chứng', parentCode: 'SO' }); // nobody yet
  await makeOfficial(db, { username: 'thang.tm', fullName: 'Trần Minh Thắng', unitCode: 'VP', role: 'head' });
  await makeOfficial(db, { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', unitCode: 'VP' });
  await setFocalOfficial(db, 'VP', 'lan.nt', cli); // the focal official wins over the head
  await makeOfficial(db, { username: 'bich.lt', fullName: 'Lê Thị Bích', unitCode: 'PHC', role: 'head' });
  await makeOfficial(db, { username: 'hung.pv', fullName: 'Phạm Văn Hùng', unitCode: 'PXD', role: 'head' });
  await makeOfficial(db, { username: 'an.dv', fullName: 'Đỗ Văn An', unitCode: 'VPUB', role: 'head' });
  return database;
}

/** Everything an import may change, to prove a run changed nothing. */
export async function snapshot(database: TestDatabase): Promise<unknown> {
  const db = database.client;
  return {
    tasks: await db.task.findMany({ orderBy: { id: 'asc' } }),
    dossiers: await db.dossier.findMany({ orderBy: { id: 'asc' }, omit: { updatedAt: true } }),
    audit: await db.auditEvent.count(),
    notices: await db.notice.findMany({ orderBy: { id: 'asc' } }),
  };
}

export const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
