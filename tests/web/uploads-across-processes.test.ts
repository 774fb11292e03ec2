// Two bot processes behind a load balancer, as on PostgreSQL in production: two web servers, each
// with its own connection to the one database (SQLite file, and PostgreSQL when reachable). An
// upload previewed through one is confirmed through the other — exactly once, by its official
// only, within 30 minutes — because the upload waits in the database, not in a process's memory.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import type { Store } from '../../src/db/store/store.ts';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { loadDutyCatalogue } from '../../src/domain/duties/catalogue.ts';
import { createConsoleOperations } from '../../src/services/web-console-operations.ts';
import { createWebConsole, type WebConsole } from '../../src/services/web-console.ts';
import { consoleRoutes } from '../../src/web/console/console-routes.ts';
import { createWebApp, startWebServer, type RunningWebServer } from '../../src/web/server.ts';
import { fixture, officeDatabase } from '../import/support/office.ts';
import { makeOfficial } from '../support/factories.ts';
import { testProviders, type TestDatabase } from '../support/test-databases.ts';
import { BASE_URL, Browser, tokenOf, type RequestTarget } from './console-support.ts';
import { peopleConsole, uploadIdOf } from './people-console-support.ts';

const PLAN = readFileSync(fixture('ke-hoach-2025-van-phong-so.csv'));
const STAFF = 'Họ và tên,Đơn vị,Vai trò\nNguyễn Văn Chuyển,PHC,cán bộ\nTrần Thị Tiếp,PHC,\n';
// Mid-January 2025, as the plan import tests: every one-off row of the plan is still ahead.
const JANUARY = '2025-01-15T02:00:00Z';
const UPLOAD_MAX_BYTES = 1024 * 1024;
const calendar = new WorkCalendar(loadCalendarFile());
const catalogue = loadDutyCatalogue();

interface BotProcess {
  service: WebConsole;
  server: RunningWebServer;
  errors: Error[];
}

/** One process's web console on its own connection, listening on a free port. */
async function startProcess(store: Store, clock: ManualClock): Promise<BotProcess> {
  const service = createWebConsole({ store, clock, baseUrl: BASE_URL });
  const errors: Error[] = [];
  const app = createWebApp([
    consoleRoutes(service, {
      secureCookies: false,
      now: () => clock.now().getTime(),
      logError: (error) => errors.push(error),
      people: peopleConsole(store, clock, UPLOAD_MAX_BYTES),
      operations: createConsoleOperations({
        store,
        clock,
        reference: { calendar, catalogue, calendarFile: SHIPPED_CALENDAR_FILE },
        uploadMaxBytes: UPLOAD_MAX_BYTES,
      }),
    }),
  ]);
  return { service, server: await startWebServer(app, { host: '127.0.0.1', port: 0 }), errors };
}

/** Sends each request to the process the test names, or to each in turn, over real HTTP. */
class LoadBalancer implements RequestTarget {
  private turn = 0;
  to: BotProcess | 'each in turn';

  constructor(private readonly processes: BotProcess[]) {
    this.to = processes[0]!;
  }

  request(url: string, init: RequestInit): Promise<Response> {
    const target = this.to === 'each in turn' ? this.processes[this.turn++ % this.processes.length]! : this.to;
    return fetch(url.replace(BASE_URL, target.server.url), init);
  }
}

describe.each(await testProviders())('uploads of the web console across two bot processes on %s', (provider) => {
  let database: TestDatabase;
  let secondConnection: Database;
  let first: BotProcess;
  let second: BotProcess;
  let clock: ManualClock;
  let balancer: LoadBalancer;

  beforeEach(async () => {
    database = await officeDatabase(provider);
    await makeOfficial(database.client, { username: 'vanphong.web', unitCode: 'VP', role: 'admin' });
    await makeOfficial(database.client, { username: 'vanphong.khac', unitCode: 'VP', role: 'admin' });
    secondConnection = await openDatabase(database.url);
    clock = new ManualClock(JANUARY);
    first = await startProcess(database.store, clock);
    second = await startProcess(secondConnection.store, clock);
    balancer = new LoadBalancer([first, second]);
  });
  afterEach(async () => {
    await first.server.close();
    await second.server.close();
    await secondConnection.close();
    await database.drop();
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  async function signedIn(username: string): Promise<Browser> {
    const browser = new Browser(balancer);
    await browser.signInWith(tokenOf((await first.service.signInLinkFor(username)).url));
    return browser;
  }

  const planTasks = () => database.client.task.count({ where: { dutyCode: 'ke-hoach' } });
  const officials = () => database.client.official.count();

  async function previewPlan(browser: Browser): Promise<string> {
    const uploaded = await browser.uploadForm(
      '/nhap/xem-truoc',
      { kind: 'plan' },
      { name: 'ke-hoach-2025-van-phong-so.csv', bytes: PLAN },
    );
    expect(uploaded.status).toBe(303);
    return /^\/nhap\/xem-truoc\/([\w-]+)$/.exec(uploaded.location!)![1]!;
  }

  async function previewStaffList(browser: Browser): Promise<string> {
    const preview = await browser.upload('/can-bo/nhap', { name: 'danh-sach.csv', content: STAFF });
    expect(preview.status).toBe(200);
    expect(preview.body.match(/Sẽ thêm/g)).toHaveLength(2);
    return uploadIdOf(preview.body);
  }

  it('a plan previewed through one process is shown and confirmed through the other, once', async () => {
    const admin = await signedIn('vanphong.web');
    balancer.to = first;
    const token = await previewPlan(admin);
    expect(await planTasks()).toBe(0);

    balancer.to = second;
    const preview = await admin.get(`/nhap/xem-truoc/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Sẽ tạo 10 việc cho 3 đơn vị, 3 cán bộ');
    const confirmed = await admin.post('/nhap/xac-nhan', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toContain('Đã ghi đúng những gì bản xem trước cho thấy');
    expect(await planTasks()).toBe(10);

    balancer.to = first;
    const again = await admin.post('/nhap/xac-nhan', { token });
    expect(again.status).toBe(410);
    expect(again.body).toContain('Bản xem trước không còn');
    expect(await planTasks()).toBe(10);
  });

  it('two confirmations of one staff list at once, one through each process, write it once', async () => {
    const admin = await signedIn('vanphong.web');
    const before = await officials();
    const uploadId = await previewStaffList(admin);
    expect(await officials()).toBe(before);

    balancer.to = 'each in turn';
    const answers = await Promise.all([
      admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId }),
      admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    expect(answers.find((answer) => answer.status === 200)!.body).toContain('Đã nhập: thêm 2 người');
    expect(await officials()).toBe(before + 2);
    expect(await database.client.auditEvent.count({ where: { action: 'official.add', channel: 'web' } })).toBe(2);
  });

  it('a preview is its official’s alone, and is refused after 30 minutes as before, the file forgotten', async () => {
    const admin = await signedIn('vanphong.web');
    balancer.to = first;
    const planToken = await previewPlan(admin);
    const uploadId = await previewStaffList(admin);
    const before = await officials();

    const other = await signedIn('vanphong.khac');
    balancer.to = second;
    for (const refused of [
      await other.get(`/nhap/xem-truoc/${planToken}`),
      await other.post('/nhap/xac-nhan', { token: planToken }),
      await other.post('/can-bo/nhap/xac-nhan', { upload: uploadId }),
    ]) {
      expect(refused.status).toBe(410);
      expect(refused.body).toContain('Bản xem trước không còn');
    }
    // A token of one page does not open the other page's upload.
    expect((await admin.post('/nhap/xac-nhan', { token: uploadId })).status).toBe(410);
    await other.post('/nhap/huy', { token: planToken });
    expect(await database.client.pendingUpload.count()).toBe(2);

    clock.advance(30 * 60_000);
    const late = await admin.post('/nhap/xac-nhan', { token: planToken });
    expect(late.status).toBe(410);
    expect(late.body).toContain('quá 30 phút');
    const lateList = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId });
    expect(lateList.status).toBe(410);
    expect(lateList.body).toContain('quá 30 phút');
    expect(await planTasks()).toBe(0);
    expect(await officials()).toBe(before);
    expect(await database.client.pendingUpload.count()).toBe(0);
  });
});
