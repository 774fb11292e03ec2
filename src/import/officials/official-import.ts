// `official import`: an office's staff list (CSV/XLSX) → officials on record.
//
// Decisions:
// - Who a row is: the "Tên đăng nhập" cell when given; else the official of the same unit with the
//   same name (compared without diacritics); else the one official with the same mobile number
//   (someone who moved). Otherwise the row is new and gets a username made from the name
//   (lethib, then lethib2…), so importing the same file twice finds everyone and adds nobody.
// - An import adds officials and updates contact details (name, phone, email). A different unit
//   or role, or an inactive official, is only reported with the command that changes it: those
//   corrections tell the official, clear focal points and keep the last admin (official-changes.ts),
//   and a spreadsheet typo must not move or demote anyone silently.
// - All or nothing: any refused row means nothing is written, unless --skip-bad.
import { basename } from 'node:path';
import type { Store } from '../../db/store/store.ts';
import {
  listOfficialRecords,
  writeOfficialImport,
  type Contact,
  type ContactUpdate,
  type OfficialRecord,
} from '../../db/store/official-import.ts';
import { listUnits } from '../../db/store/units.ts';
import type { Actor, Role } from '../../domain/model.ts';
import { uniqueUsername, usernameBase } from '../../domain/official-identity.ts';
import { locateColumns } from '../columns.ts';
import { foldWords } from '../fold-text.ts';
import { ImportFileError } from '../import-file-error.ts';
import { UnitMatcher } from '../plan/unit-matcher.ts';
import { readTable } from '../table-reader.ts';
import { OFFICIAL_COLUMNS, parseOfficialRows, type OfficialRow } from './official-rows.ts';

export interface OfficialImportOptions {
  /** A path, or only the file's name when `content` is given (an upload). */
  file: string;
  content?: Uint8Array;
  dryRun: boolean;
  skipBad: boolean;
}

export interface OfficialImportReport {
  file: string;
  dryRun: boolean;
  written: boolean;
  created: { row: number; username: string; fullName: string; unitCode: string; role: Role }[];
  updated: { row: number; username: string; change: string }[];
  unchanged: { row: number; username: string }[];
  /** Differences an import does not apply, each with the command that does. */
  toReview: { row: number; username: string; what: string; command: string }[];
  refused: { row: number; fullName: string; reason: string }[];
}

const sameName = (a: string, b: string) => foldWords(a) === foldWords(b);

export async function importOfficials(
  db: Store,
  options: OfficialImportOptions,
  context: { actor: Actor },
): Promise<OfficialImportReport> {
  const rows = await readTable(options.file, options.content);
  const layout = locateColumns(rows, OFFICIAL_COLUMNS, ['name', 'unit']);
  if (!layout)
    throw new ImportFileError(
      basename(options.file),
      undefined,
      'không tìm thấy dòng tiêu đề có các cột "Họ và tên" và "Đơn vị"',
    );
  const report: OfficialImportReport = {
    file: basename(options.file),
    dryRun: options.dryRun,
    written: false,
    created: [],
    updated: [],
    unchanged: [],
    toReview: [],
    refused: [],
  };
  const units = await listUnits(db);
  const matcher = new UnitMatcher(units);
  const records = await listOfficialRecords(db);
  const byUsername = new Map(records.map((record) => [record.username, record]));
  const parsed = parseOfficialRows(rows.slice(layout.dataStart), layout.columns);
  const taken = new Set([
    ...byUsername.keys(),
    ...parsed.flatMap((row) => ('username' in row && row.username ? [row.username] : [])),
  ]);
  const seenNames = new Map<string, number>();
  const seenUsernames = new Map<string, number>();
  const created: Omit<OfficialRecord, 'active'>[] = [];
  const updated: ContactUpdate[] = [];

  for (const row of parsed) {
    if ('refused' in row) {
      report.refused.push({ row: row.rowNumber, fullName: row.fullName, reason: row.refused.join('; ') });
      continue;
    }
    const refuse = (reason: string) => report.refused.push({ row: row.rowNumber, fullName: row.fullName, reason });
    const matched = matcher.owner(row.unit).unit;
    const unit = matched && units.find((known) => known.code === matched.code);
    if (!unit) {
      refuse(`không có đơn vị "${row.unit}" (ghi mã hoặc tên đơn vị như unit list in ra)`);
      continue;
    }
    const nameKey = `${unit.code}\u0000${foldWords(row.fullName)}`;
    const earlier = seenNames.get(nameKey);
    if (earlier !== undefined && !row.username) {
      refuse(`trùng họ tên với dòng ${earlier} trong đơn vị ${unit.code} (ghi Tên đăng nhập để phân biệt hai người)`);
      continue;
    }
    if (row.username && seenUsernames.has(row.username)) {
      refuse(`tên đăng nhập "${row.username}" đã có ở dòng ${seenUsernames.get(row.username)}`);
      continue;
    }
    const existing = findExisting(row, unit.code, records, byUsername);
    if (existing === 'ambiguous') {
      refuse(`đơn vị ${unit.code} có nhiều cán bộ tên "${row.fullName}": ghi Tên đăng nhập để chỉ rõ người nào`);
      continue;
    }
    seenNames.set(nameKey, row.rowNumber);
    if (row.username) seenUsernames.set(row.username, row.rowNumber);

    if (!existing) {
      if (!unit.active) {
        refuse(`đơn vị ${unit.code} đã ngừng hoạt động`);
        continue;
      }
      const username = row.username ?? uniqueUsername(usernameBase(row.fullName) || 'canbo', taken);
      taken.add(username);
      seenUsernames.set(username, row.rowNumber);
      created.push({
        username,
        fullName: row.fullName,
        unitCode: unit.code,
        role: row.role,
        phone: row.phone,
        email: row.email,
      });
      report.created.push({
        row: row.rowNumber,
        username,
        fullName: row.fullName,
        unitCode: unit.code,
        role: row.role,
      });
      continue;
    }

    const { before, after } = contactChanges(existing, row);
    if (Object.keys(after).length > 0) {
      updated.push({ username: existing.username, before, after });
      report.updated.push({ row: row.rowNumber, username: existing.username, change: describeChange(before, after) });
    }
    const review = reviewItems(existing, unit.code, row.role);
    for (const item of review) report.toReview.push({ row: row.rowNumber, username: existing.username, ...item });
    if (Object.keys(after).length === 0 && review.length === 0)
      report.unchanged.push({ row: row.rowNumber, username: existing.username });
  }

  const mayWrite = !options.dryRun && (report.refused.length === 0 || options.skipBad);
  if (mayWrite && (created.length > 0 || updated.length > 0)) {
    await writeOfficialImport(db, { created, updated }, context.actor, `official import ${report.file}`);
    report.written = true;
  }
  return report;
}

function findExisting(
  row: OfficialRow,
  unitCode: string,
  records: readonly OfficialRecord[],
  byUsername: ReadonlyMap<string, OfficialRecord>,
): OfficialRecord | 'ambiguous' | undefined {
  if (row.username) return byUsername.get(row.username);
  const namesakes = records.filter((record) => record.unitCode === unitCode && sameName(record.fullName, row.fullName));
  if (namesakes.length > 1) return 'ambiguous';
  if (namesakes.length === 1) return namesakes[0];
  if (!row.phone) return undefined;
  const samePhone = records.filter((record) => record.phone === row.phone);
  return samePhone.length === 1 && sameName(samePhone[0]!.fullName, row.fullName) ? samePhone[0] : undefined;
}

/** Contact fields the row sets to something new; an empty cell never erases what is on record. */
function contactChanges(
  existing: OfficialRecord,
  row: OfficialRow,
): { before: Partial<Contact>; after: Partial<Contact> } {
  const before: Partial<Contact> = {};
  const after: Partial<Contact> = {};
  if (row.fullName !== existing.fullName) {
    before.fullName = existing.fullName;
    after.fullName = row.fullName;
  }
  for (const field of ['phone', 'email'] as const) {
    const value = row[field];
    if (value !== null && value !== existing[field]) {
      before[field] = existing[field];
      after[field] = value;
    }
  }
  return { before, after };
}

const FIELD_LABELS: Record<keyof Contact, string> = { fullName: 'họ tên', phone: 'điện thoại', email: 'email' };

function describeChange(before: Partial<Contact>, after: Partial<Contact>): string {
  return (Object.keys(after) as (keyof Contact)[])
    .map((field) => `${FIELD_LABELS[field]} ${before[field] ?? '(trống)'} → ${after[field]}`)
    .join(', ');
}

function reviewItems(existing: OfficialRecord, unitCode: string, role: Role): { what: string; command: string }[] {
  const items: { what: string; command: string }[] = [];
  if (!existing.active) items.push({ what: 'đã ngừng hoạt động', command: `official reactivate ${existing.username}` });
  if (existing.unitCode !== unitCode)
    items.push({
      what: `đơn vị ${existing.unitCode} → ${unitCode}`,
      command: `official move ${existing.username} --unit ${unitCode}`,
    });
  if (existing.role !== role)
    items.push({ what: `vai trò ${existing.role} → ${role}`, command: `official role ${existing.username} ${role}` });
  return items;
}
