// The web console in a real headless Chromium (Debian's `chromium`, driven by playwright-core; no
// browser is downloaded): the admin signs in with the link `cli web login-link` prints, sees the
// demo Sở's dashboard, filters the tasks, closes and reopens one. On a phone (390×844) and a desktop (1366×768): no
// horizontal scrolling of the page, no console error; screenshots in tests/artifacts/web/.
import { expect, it } from 'vitest';
import { asTestStore } from '../support/test-databases.ts';
import {
  describeInChromium,
  openWatchedPage,
  signInByPrintedLink,
  useDemoConsoleInChromium,
  VIEWPORTS,
} from './chromium-support.ts';

// Mid-month, so the dashboard's on-time column has figures; the CLI runs at the same simulated time.
const NOW = '2026-12-16T03:00:00Z';

describeInChromium('the web console in Chromium', () => {
  const demo = useDemoConsoleInChromium(NOW);

  for (const viewport of VIEWPORTS) {
    it(`signs in by the printed link, shows the dashboard, filters, closes and reopens a task (${viewport.width}×${viewport.height})`, async () => {
      const { database, server, browser, serverErrors } = demo();
      const { context, page, consoleErrors, shot } = await openWatchedPage(browser, viewport);
      await signInByPrintedLink(demo(), page, NOW);
      await expect(page.getByRole('heading', { name: 'Tổng quan' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('link', { name: 'Phòng Tư pháp' }).isVisible()).resolves.toBe(true);
      // The month's chart, drawn into the page: shown, and no wider than the page (a 390 px phone).
      await page.waitForFunction(
        "(() => { const chart = document.querySelector('figure.chart svg')?.getBoundingClientRect(); return chart && chart.width > 0 && chart.height > 0 && chart.right <= document.documentElement.clientWidth; })()",
      );
      await shot('dashboard');

      // Filter as an office clerk would: open tasks due from a date typed dd/MM/yyyy.
      await page.goto(`${server.url}/viec`);
      await page.getByLabel('Tình trạng').selectOption('open');
      await page.getByLabel('Hạn từ').fill('01/11/2026');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForURL('**/viec?*from=01%2F11%2F2026*');
      await shot('tasks');
      const first = page.locator('tbody tr td.n a').first();
      const taskId = Number((await first.textContent())!.replace('#', ''));
      await first.click();
      await page.waitForURL(`**/viec/${taskId}`);
      await page.getByLabel('Ghi chú (không bắt buộc)').fill('Đã xong, báo qua trang quản trị');
      await page.getByRole('button', { name: 'Báo xong' }).click();
      await page.waitForURL(`**/viec/${taskId}?xong=xong`);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã báo xong việc.');
      await shot('task-closed');

      const task = await asTestStore(database.store).task.findUniqueOrThrow({ where: { id: taskId } });
      expect(task.status).toBe('done');

      // Closed by mistake: reopened from the same page, with the reason.
      await page.getByLabel('Lý do mở lại').fill('Báo xong nhầm');
      await page.getByRole('button', { name: 'Mở lại' }).click();
      await page.waitForURL(`**/viec/${taskId}?xong=mo-lai`);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã mở lại việc');
      const reopened = await asTestStore(database.store).task.findUniqueOrThrow({ where: { id: taskId } });
      expect(reopened.status).toBe('open');
      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
