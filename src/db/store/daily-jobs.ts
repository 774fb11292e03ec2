// Jobs that run once per Vietnam day across every bot process (the recurring duty generation):
// the day each last finished is kept in the Setting table, so a process started later, or a
// second process, does not run it again.
import type { LocalDate } from '../../domain/local-date.ts';
import { prismaOf, type Store } from './store.ts';

const keyOf = (job: string) => `daily-job:${job}`;

export async function dailyJobDoneFor(store: Store, job: string): Promise<LocalDate | undefined> {
  const row = await prismaOf(store).setting.findUnique({ where: { key: keyOf(job) } });
  return row?.value as LocalDate | undefined;
}

export async function markDailyJobDone(store: Store, job: string, day: LocalDate): Promise<void> {
  const key = keyOf(job);
  await prismaOf(store).setting.upsert({ where: { key }, create: { key, value: day }, update: { value: day } });
}
