// The Cán bộ and Đơn vị pages in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core): the admin adds an official and finds them in the list, looks at the unit
// tree, then unlinks the official's Telegram by mistake and, back from the list, undoes it (Hoàn tác). On a phone (390×844) and a desktop (1366×768): no horizontal scrolling of the page, no
// console error; screenshots in tests/artifacts/web/.
import { expect, it } from 'vitest';
import { asTestStore } from '../support/test-databases.ts';
import {
  describeInChromium,
  openWatchedPage,
  signInByPrintedLink,
  useDemoConsoleInChromium,
  VIEWPORTS,
} from './chromium-support.ts';
import { peopleConsole } from './people-console-support.ts';

const NOW = '2026-12-16T03:00:00Z';
const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

describeInChromium('the Cán bộ and Đơn vị pages in Chromium', () => {
  const demo = useDemoConsoleInChromium(NOW, (store, clock) => ({
    people: peopleConsole(store, clock, UPLOAD_MAX_BYTES),
  }));

  for (const viewport of VIEWPORTS) {
    it(`adds an official, sees them in the list and the unit tree, unlinks their chat and undoes it (${viewport.width}×${viewport.height})`, async () => {
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

      const db = asTestStore(database.store);
      const added = await db.official.findFirstOrThrow({ where: { fullName } });
      expect(added.active).toBe(true);

      // The new official links Telegram; the admin unlinks it by mistake, then undoes it later.
      await db.chatIdentity.create({
        data: { channel: 'telegram', externalId: `tg-${viewport.name}`, officialId: added.id },
      });
      await page.goto(`${server.url}/can-bo/${added.username}`);
      await page
        .locator(`form[action="/can-bo/${added.username}/go-lien-ket"]`)
        .getByRole('button', { name: 'Gỡ liên kết' })
        .click();
      await page.waitForURL('**/can-bo/*?xong=go-lien-ket&lan=*');
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã gỡ liên kết chat');
      expect(await db.chatIdentity.count({ where: { officialId: added.id } })).toBe(0);
      await shot('official-unlinked');

      // Away to the list and back through the official's link: «Hoàn tác» is still offered there.
      await page.goto(`${server.url}/can-bo`);
      await page.locator(`a[href="/can-bo/${added.username}"]`).click();
      await page.waitForURL(`**/can-bo/${added.username}`);
      await page.getByRole('button', { name: 'Hoàn tác' }).click();
      await page.waitForURL('**/can-bo/*?xong=hoan-tac-go-lien-ket');
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã khôi phục liên kết chat');
      const restored = await db.chatIdentity.findMany({ where: { officialId: added.id } });
      expect(restored.map((row) => row.externalId)).toEqual([`tg-${viewport.name}`]);
      await shot('official-link-restored');
      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
