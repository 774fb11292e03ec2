// The Cán bộ and Đơn vị pages' HTTP test set-up: a small Sở on a real database and the console
// with its people and units services, signed in as one of its officials.
import type { Store } from '../../src/db/store/store.ts';
import { ManualClock, type Clock } from '../../src/domain/clock.ts';
import type { Official } from '../../src/domain/model.ts';
import { createWebConsolePeople } from '../../src/services/web-console-people.ts';
import { createWebConsoleUnits } from '../../src/services/web-console-units.ts';
import { createWebConsole } from '../../src/services/web-console.ts';
import { consoleRoutes } from '../../src/web/console/console-routes.ts';
import { createWebApp } from '../../src/web/server.ts';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import type { TestStore } from '../support/test-databases.ts';
import { BASE_URL, Browser, tokenOf } from './console-support.ts';

let sequence = 0;

/** The number of the last office made (its admin is `vanphong<n>`). */
export const officeNumber = () => sequence;

/** The Sở with two rooms: a head and a member in P1, a member of P2, the admin at the Sở. */
export async function office(db: TestStore) {
  const n = ++sequence;
  const so = await makeUnit(db, { code: `SO${n}`, name: `Sở ${n}` });
  const p1 = await makeUnit(db, { code: `P1x${n}`, name: `Phòng Một ${n}`, parentCode: so.code });
  const p2 = await makeUnit(db, { code: `P2x${n}`, name: `Phòng Hai ${n}`, parentCode: so.code });
  const head = await makeOfficial(db, {
    username: `truongphong${n}`,
    fullName: `Trưởng Phòng ${n}`,
    unitCode: p1.code,
    role: 'head',
  });
  const member = await makeOfficial(db, { username: `canbo${n}a`, fullName: `Cán Bộ Một ${n}`, unitCode: p1.code });
  const outsider = await makeOfficial(db, {
    username: `canbo${n}c`,
    fullName: `Người Phòng Hai ${n}`,
    unitCode: p2.code,
  });
  const admin = await makeOfficial(db, {
    username: `vanphong${n}`,
    fullName: `Văn Phòng ${n}`,
    unitCode: so.code,
    role: 'admin',
  });
  return { n, so, p1, p2, head, member, outsider, admin };
}

export function consoleUnderTest(db: TestStore, uploadMaxBytes = 5 * 1024 * 1024) {
  const clock = new ManualClock('2026-11-23T03:00:00Z');
  const service = createWebConsole({ store: db, clock, baseUrl: BASE_URL });
  const errors: Error[] = [];
  const app = createWebApp([
    consoleRoutes(service, {
      secureCookies: false,
      now: () => clock.now().getTime(),
      logError: (error) => errors.push(error),
      people: peopleConsole(db, clock, uploadMaxBytes),
    }),
  ]);
  return { app, service, clock, errors };
}

export async function signedIn(under: ReturnType<typeof consoleUnderTest>, username: string): Promise<Browser> {
  const browser = new Browser(under.app);
  await browser.signInWith(tokenOf((await under.service.signInLinkFor(username)).url));
  return browser;
}

/** The Cán bộ and Đơn vị pages' services, as the bot wires them. */
export function peopleConsole(store: Store, clock: Clock, uploadMaxBytes: number) {
  return {
    service: createWebConsolePeople({
      store,
      clock,
      uploadMaxBytes,
      linkSheetDays: 7,
      telegramBot: async () => 'NhacViecThuBot',
    }),
    units: createWebConsoleUnits({ store, clock }),
    uploadMaxBytes,
  };
}

/** Links the official on Telegram (`tg<id>`) and Zalo (`zl<id>`). */
export async function linkBoth(db: TestStore, official: Official, id: string) {
  await db.chatIdentity.createMany({
    data: [
      { channel: 'telegram', externalId: `tg${id}`, officialId: official.id },
      { channel: 'zalo', externalId: `zl${id}`, officialId: official.id },
    ],
  });
}

/** The official's chat accounts as `channel:externalId`, by channel. */
export async function channelsOf(db: TestStore, official: Official) {
  const rows = await db.chatIdentity.findMany({ where: { officialId: official.id }, orderBy: { channel: 'asc' } });
  return rows.map((row) => `${row.channel}:${row.externalId}`);
}

/** A staff list of two people of `unit`: one with a role and a phone, one with neither. */
export const staffListCsv = (unit: string, n: number) =>
  `Họ và tên,Đơn vị,Vai trò,Số điện thoại\nNguyễn Văn Nhập ${n},${unit},cán bộ,0912345678\nTrần Thị Hai ${n},${unit},,\n`;

/** The preview's upload token, from its confirm form. */
export const uploadIdOf = (body: string) => /name="upload" value="([^"]+)"/.exec(body)![1]!;
