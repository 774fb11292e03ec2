// The Cán bộ and Đơn vị pages' HTTP test set-up: a small Sở on a real database and the console
// with its people and units services, signed in as one of its officials.
import { ManualClock } from '../../src/domain/clock.ts';
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
  const people = createWebConsolePeople({
    store: db,
    clock,
    uploadMaxBytes,
    linkSheetDays: 7,
    telegramBot: async () => 'NhacViecThuBot',
  });
  const app = createWebApp([
    consoleRoutes(service, {
      secureCookies: false,
      now: () => clock.now().getTime(),
      logError: (error) => errors.push(error),
      people: { service: people, units: createWebConsoleUnits({ store: db, clock }), uploadMaxBytes },
    }),
  ]);
  return { app, service, clock, errors };
}

export async function signedIn(under: ReturnType<typeof consoleUnderTest>, username: string): Promise<Browser> {
  const browser = new Browser(under.app);
  await browser.signInWith(tokenOf((await under.service.signInLinkFor(username)).url));
  return browser;
}
