// The Cán bộ and Đơn vị pages in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core): the admin adds an official and finds them in the list, then looks at the unit
// tree. On a phone (390×844) and a desktop (1366×768): no horizontal scrolling of the page, no
// console error; screenshots in tests/artifacts/web/.
import { expect, it } from 'vitest';
import { createWebConsolePeople } from '../../src/services/web-console-people.ts';
import { createWebConsoleUnits } from '../../src/services/web-console-units.ts';
import { asTestStore } from '../support/test-databases.ts';
import {
  describeInChromium,
  openWatchedPage,
  signInByPrintedLink,
  useDemoConsoleInChromium,
  VIEWPORTS,
} from './chromium-support.ts';

const NOW = '2026-12-16T03:00:00Z';
const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

describeInChromium('the Cán bộ and Đơn vị pages in Chromium', () => {
  const demo = useDemoConsoleInChromium(NOW, (store, clock) => ({
    people: {
      service: createWebConsolePeople({
        store,
        clock,
        uploadMaxBytes: UPLOAD_MAX_BYTES,
        linkSheetDays: 7,
        telegramBot: async () => 'NhacViecThuBot',
      }),
      units: createWebConsoleUnits({ store, clock }),
      uploadMaxBytes: UPLOAD_MAX_BYTES,
    },
  }));

  for (const viewport of VIEWPORTS) {
    it(`adds an official and sees them in the list, then the unit tree (${viewport.width}×${viewport.height})`, async () => {
      const { database, server, browser, serverErrors } = demo();
      const { context, page, consoleErrors, shot } = await openWatchedPage(browser, viewport);
      await signInByPrintedLink(demo(), page, NOW);
      await page.getByRole('link', { name: 'Cán bộ', exact: true }).click();
      await page.waitForURL('**/can-bo');
      await shot('officials-before');

      const fullName = `Đỗ Thị Mới ${viewport.name}`;
      await page.getByText('Thêm cán bộ').click();
      await page.getByLabel('Họ và tên').fill(fullName);
      await page.locator('form[action="/can-bo/them"] select[name="unit"]').selectOption('PTP');
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await page.waitForURL('**/can-bo/*?xong=them');
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã thêm cán bộ');
      await shot('official-added');

      await page.goto(`${server.url}/can-bo?unit=PTP`);
      await expect(page.getByRole('link', { name: fullName }).isVisible()).resolves.toBe(true);
      await shot('officials');

      await page.goto(`${server.url}/don-vi`);
      await expect(page.getByRole('cell', { name: /Tổ Kiểm soát thủ tục hành chính/ }).isVisible()).resolves.toBe(true);
      await shot('units');

      const added = await asTestStore(database.store).official.findFirstOrThrow({ where: { fullName } });
      expect(added.active).toBe(true);
      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
