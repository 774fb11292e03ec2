// Read-only queries behind the monthly report (báo cáo tháng). They return plain rows; every
// figure is computed in src/reports so the counting rules live in one pure, testable place.
import { prismaOf, type Store } from './store.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import { APOLOGY_DUTY_CODE } from './dossiers.ts';

export interface ReportUnit {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
}

export interface ReportPerson {
  username: string;
  fullName: string;
  unitId: number;
}

export interface ReportTaskRow {
  id: number;
  title: string;
  dutyCode: string | null;
  sourceRef: string | null;
  unitId: number;
  dueDate: LocalDate;
  status: 'open' | 'done';
  doneAt: Date | null;
  assignee: ReportPerson | null;
}

export interface ReportDossierRow {
  code: string;
  title: string | null;
  unitId: number;
  dueDate: LocalDate;
  status: 'processing' | 'returned';
  returnedAt: Date | null;
  assignee: ReportPerson | null;
}

export interface ApologyTaskRow {
  id: number;
  dossierCode: string;
  status: 'open' | 'done' | 'cancelled';
  doneAt: Date | null;
}

const person = { select: { username: true, fullName: true, unitId: true } } as const;

/** The unit table is small (a Sở and its phòng): read it whole and walk the tree in memory. */
export async function listReportUnits(store: Store): Promise<ReportUnit[]> {
  const db = prismaOf(store);
  return db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true }, orderBy: { code: 'asc' } });
}

/** Tasks due in [from, to] (local dates, inclusive); cancelled tasks never count in a report. */
export async function findReportTasks(
  store: Store,
  range: { from: LocalDate; to: LocalDate; unitIds: number[] },
): Promise<ReportTaskRow[]> {
  const db = prismaOf(store);
  const rows = await db.task.findMany({
    where: {
      dueDate: { gte: range.from, lte: range.to },
      status: { in: ['open', 'done'] },
      unitId: { in: range.unitIds },
    },
    select: {
      id: true,
      title: true,
      dutyCode: true,
      sourceRef: true,
      unitId: true,
      dueDate: true,
      status: true,
      doneAt: true,
      assignee: person,
    },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row) => ({ ...row, dueDate: row.dueDate as LocalDate, status: row.status as 'open' | 'done' }));
}

export async function findReportDossiers(
  store: Store,
  range: { from: LocalDate; to: LocalDate; unitIds: number[] },
): Promise<ReportDossierRow[]> {
  const db = prismaOf(store);
  const rows = await db.dossier.findMany({
    where: { dueDate: { gte: range.from, lte: range.to }, unitId: { in: range.unitIds } },
    select: { code: true, title: true, unitId: true, dueDate: true, status: true, returnedAt: true, assignee: person },
    orderBy: [{ dueDate: 'asc' }, { code: 'asc' }],
  });
  return rows.map((row) => ({ ...row, dueDate: row.dueDate as LocalDate }));
}

/** Apology-letter tasks of the given dossiers, whatever month they fell due in (the day before). */
export async function findApologyTasks(store: Store, dossierCodes: string[]): Promise<ApologyTaskRow[]> {
  const db = prismaOf(store);
  if (dossierCodes.length === 0) return [];
  const rows = await db.task.findMany({
    where: { dutyCode: APOLOGY_DUTY_CODE, sourceRef: { in: dossierCodes } },
    select: { id: true, sourceRef: true, status: true, doneAt: true },
  });
  return rows.map((row) => ({ id: row.id, dossierCode: row.sourceRef ?? '', status: row.status, doneAt: row.doneAt }));
}
