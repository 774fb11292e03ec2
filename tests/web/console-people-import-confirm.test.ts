// Nhập danh sách cán bộ over HTTP on a real SQLite database: the confirmation writes only what the
// preview showed. When the data moved on between the two (the CLI added one of the listed people,
// a unit was deactivated), it answers 409 with the new preview and writes nothing; the same upload
// then confirms the new preview.
import { describe, expect, it } from 'vitest';
import { addOfficial } from '../../src/db/store/officials.ts';
import { deactivateUnit } from '../../src/db/store/unit-changes.ts';
import { makeUnit } from '../support/factories.ts';
import { useTestDatabase, type TestStore } from '../support/test-databases.ts';
import { consoleUnderTest, office, signedIn, staffListCsv, uploadIdOf } from './people-console-support.ts';

const database = useTestDatabase('sqlite');
const CLI = { kind: 'cli' } as const;

async function webAdds(db: TestStore, n: number) {
  const admin = await db.official.findUniqueOrThrow({ where: { username: `vanphong${n}` } });
  return db.auditEvent.findMany({ where: { action: 'official.add', channel: 'web', actorId: admin.id } });
}

describe('confirming a staff list after the data changed', () => {
  it('someone added a listed official meanwhile: 409 with the new preview, nothing written; its confirm writes once', async () => {
    const db = database();
    const { p1, n } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${n}`);
    await admin.get('/can-bo/nhap');
    const before = await db.official.count();
    const preview = await admin.upload('/can-bo/nhap', { name: 'ds.csv', content: staffListCsv(p1.code, n) });
    expect(preview.body.match(/Sẽ thêm/g)).toHaveLength(2);
    const uploadId = uploadIdOf(preview.body);

    // `official add` on the CLI, between the preview and the confirmation.
    await addOfficial(
      db,
      { username: `tranthihai${n}`, fullName: `Trần Thị Hai ${n}`, unitCode: p1.code, role: 'member' },
      CLI,
    );

    const changed = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId });
    expect(changed.status).toBe(409);
    expect(changed.body).toContain('Dữ liệu đã thay đổi từ lúc xem trước');
    expect(changed.body.match(/Sẽ thêm/g)).toHaveLength(1);
    expect(changed.body).toContain('Đã có, không đổi');
    expect(changed.body).toContain('Nhập 1 người mới, cập nhật 0 người');
    expect(await db.official.count()).toBe(before + 1);
    expect(await webAdds(db, n)).toHaveLength(0);

    // The same upload, now promising the new preview.
    expect(uploadIdOf(changed.body)).toBe(uploadId);
    const confirmed = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toContain('Đã nhập: thêm 1 người, cập nhật 0 người.');
    expect(await db.official.count()).toBe(before + 2);
    expect(await db.official.count({ where: { fullName: `Trần Thị Hai ${n}` } })).toBe(1);
    expect(await webAdds(db, n)).toHaveLength(1);

    const replay = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId });
    expect(replay.status).toBe(410);
    expect(await db.official.count()).toBe(before + 2);
    expect(under.errors).toEqual([]);
  });

  it('the unit was deactivated meanwhile: 409 showing the rows now refused, nothing written', async () => {
    const db = database();
    const { so, n } = await office(db);
    const room = await makeUnit(db, { code: `P3x${n}`, name: `Phòng Ba ${n}`, parentCode: so.code });
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${n}`);
    await admin.get('/can-bo/nhap');
    const before = await db.official.count();
    const preview = await admin.upload('/can-bo/nhap', { name: 'ds.csv', content: staffListCsv(room.code, n) });
    expect(preview.body.match(/Sẽ thêm/g)).toHaveLength(2);
    const uploadId = uploadIdOf(preview.body);

    await deactivateUnit(db, room.code, {}, CLI);

    const changed = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId, skipBad: '1' });
    expect(changed.status).toBe(409);
    expect(changed.body).toContain('Dữ liệu đã thay đổi từ lúc xem trước');
    expect(changed.body.match(/Lỗi, không nhập/g)).toHaveLength(2);
    expect(changed.body).not.toContain('Sẽ thêm');
    expect(await db.official.count()).toBe(before);
    expect(await webAdds(db, n)).toHaveLength(0);
    expect(under.errors).toEqual([]);
  });
});
