// Makes tests/import/fixtures/*-libreoffice.pdf: a seed plan's appendix as LibreOffice exports a
// Word table to PDF (borders drawn as LibreOffice draws them, cells centred vertically, the owner
// merged down). Run once by hand where LibreOffice is installed; the PDFs are committed, so CI
// never needs LibreOffice:
//   apt-get install -y libreoffice-writer-nogui
//   npx tsx tests/import/support/make-libreoffice-pdf.ts
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture } from './office.ts';
import { writePlanDocx } from './plan-documents.ts';

const PLANS = [
  ['ke-hoach-15-stp-phu-luc-2.csv', 'ke-hoach-15-stp-libreoffice.pdf'],
  ['ke-hoach-2025-van-phong-so.csv', 'ke-hoach-2025-libreoffice.pdf'],
] as const;

const work = mkdtempSync(join(tmpdir(), 'nhacviec-libreoffice-'));
for (const [csv, pdf] of PLANS) {
  const docx = join(work, pdf.replace(/\.pdf$/, '.docx'));
  // DejaVu Serif has every Vietnamese letter; with a font lacking some, LibreOffice draws them from
  // a fallback font and pdf.js returns those letters as separate, out-of-order text items.
  await writePlanDocx(fixture(csv), docx, { alignment: 'middle', font: 'DejaVu Serif' });
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, docx], {
    stdio: 'inherit',
    env: { ...process.env, HOME: work }, // a throwaway LibreOffice profile
  });
  copyFileSync(join(work, pdf), fixture(pdf));
  console.log(`${fixture(pdf)} ← ${csv}`);
}
