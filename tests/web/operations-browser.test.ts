// The office's operations pages in a real headless Chromium (as console-browser.test.ts): the
// admin imports a plan with its preview — choose the file, see the dry run as a table, confirm —
// then opens Báo cáo, Lịch and Nhắc việc lỗi. On a phone (390×844) and a desktop (1366×768): no
// horizontal scrolling, no console error; screenshots in tests/artifacts/web/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadCalendarFile } from '../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { loadDutyCatalogue } from '../../src/domain/duties/catalogue.ts';
import { createConsoleOperations } from '../../src/services/web-console-operations.ts';
import { asTestStore } from '../support/test-databases.ts';
import { describeInChromium, openWatchedPage, useDemoConsoleInChromium, VIEWPORTS } from './chromium-support.ts';

const NOW = '2026-12-16T03:00:00Z';

/** A two-row plan appendix naming the demo Sở's units; each viewport imports its own plan. */
function planFile(dir: string, viewport: string): string {
  const path = join(dir, `ke-hoach-2027-${viewport}.csv`);
  writeFileSync(
    path,
    [
      'Số TT;Tên nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Sản phẩm;Thời gian hoàn thành;Ghi chú',
      `1;Ban hành Kế hoạch kiểm soát TTHC năm 2027 (${viewport});Văn phòng Sở;Các phòng;Kế hoạch;Trước ngày 20/02/2027;`,
      `2;Rà soát quy định TTHC lĩnh vực hộ tịch (${viewport});Phòng Tư pháp;Văn phòng Sở;Báo cáo;Trong tháng 03 năm 2027;`,
    ].join('\n'),
  );
  return path;
}

describeInChromium('the office’s operations pages in Chromium', () => {
  const files = mkdtempSync(join(tmpdir(), 'nhacviec-plan-upload-'));
  const demo = useDemoConsoleInChromium(NOW, (store, clock) => ({
    operations: createConsoleOperations({
      store,
      clock,
      reference: { calendar: new WorkCalendar(loadCalendarFile()), catalogue: loadDutyCatalogue() },
      uploadMaxBytes: 10 * 1024 * 1024,
    }),
  }));

  for (const viewport of VIEWPORTS) {
    it(`imports a plan with preview, then shows the report, calendar and failures (${viewport.width}×${viewport.height})`, async () => {
      const { database, service, server, browser, serverErrors } = demo();
      const link = new URL((await service.signInLinkFor('nguyenvana')).url);
      const { context, page, consoleErrors, shot } = await openWatchedPage(browser, viewport);

      await page.goto(`${server.url}${link.pathname}${link.search}`);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL('**/tong-quan');

      await page.getByRole('link', { name: 'Nhập kế hoạch' }).click();
      await page.waitForURL('**/nhap');
      await page.getByLabel('Tệp', { exact: true }).setInputFiles(planFile(files, viewport.name));
      await shot('import-upload');
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await page.waitForURL('**/nhap/xem-truoc/*');
      await expect(
        page.getByRole('heading', { name: 'Sẽ tạo 2 việc cho 2 đơn vị, 2 cán bộ' }).isVisible(),
      ).resolves.toBe(true);
      await expect(
        page.getByText(`Rà soát quy định TTHC lĩnh vực hộ tịch (${viewport.name})`).isVisible(),
      ).resolves.toBe(true);
      await shot('import-preview');
      const store = asTestStore(database.store);
      const titled = { title: { contains: `(${viewport.name})` } };
      expect(await store.task.count({ where: titled })).toBe(0);
      await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
      await page.waitForURL('**/nhap/xac-nhan');
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã ghi đúng những gì bản xem trước');
      await shot('import-done');
      expect(await store.task.count({ where: titled })).toBe(2);

      await page.getByRole('link', { name: 'Báo cáo' }).click();
      await page.waitForURL('**/bao-cao');
      await expect(page.locator('svg[role="img"]').isVisible()).resolves.toBe(true);
      await shot('report');
      await page.getByRole('link', { name: 'Lịch' }).click();
      await page.waitForURL('**/lich');
      await page.goto(`${server.url}/lich?nam=2027`);
      await expect(page.getByText('Năm 2027: TẠM TÍNH.').isVisible()).resolves.toBe(true);
      await shot('calendar');
      await page.getByRole('link', { name: 'Nhắc việc lỗi' }).click();
      await page.waitForURL('**/nhac-viec-loi');
      await shot('failed-deliveries');

      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
