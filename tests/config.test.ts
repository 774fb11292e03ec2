import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CONFIG_KEYS, ConfigError, parseConfig } from '../src/config/config.ts';
import { maskDatabaseUrl } from '../src/config/mask-url.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs on the embedded SQLite database with no settings at all', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('file:./data/nhacviec.db');
    expect(config.REMINDER_SEND_TIMES).toEqual(['08:00']);
    expect(config.WORKING_HOURS).toEqual({ start: '07:30', end: '17:00' });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '', ZALO_CREDENTIALS_FILE: ' ' }).TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it('accepts PostgreSQL URLs and several send times', () => {
    const config = parseConfig({ DATABASE_URL: 'postgresql://u:p@db/nhacviec', REMINDER_SEND_TIMES: '14:00, 08:00' });
    expect(config.DATABASE_URL).toBe('postgresql://u:p@db/nhacviec');
    expect(config.REMINDER_SEND_TIMES).toEqual(['08:00', '14:00']);
  });

  it('names every bad key and why, in one error', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      REMINDER_SEND_TIMES: '8h',
      WORKING_HOURS: '17:00-07:30',
      LOG_LEVEL: 'loud',
      NHACVIEC_FAKE_NOW: 'yesterday',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'REMINDER_SEND_TIMES',
      'WORKING_HOURS',
      'NHACVIEC_FAKE_NOW',
    ]);
    expect(problems[0]).toContain('file:');
  });

  it('takes a Telegram webhook only over https, with a sane port and secret', () => {
    const config = parseConfig({
      TELEGRAM_WEBHOOK_URL: 'https://bot.stp.gov.vn/tg-8f3a',
      TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnop1234',
    });
    expect(config).toMatchObject({
      TELEGRAM_WEBHOOK_URL: 'https://bot.stp.gov.vn/tg-8f3a',
      TELEGRAM_WEBHOOK_PORT: 8443,
    });
    const problems = problemsOf({
      TELEGRAM_WEBHOOK_URL: 'http://bot.stp.gov.vn/tg',
      TELEGRAM_WEBHOOK_PORT: '70000',
      TELEGRAM_WEBHOOK_SECRET: 'short',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'TELEGRAM_WEBHOOK_URL',
      'TELEGRAM_WEBHOOK_PORT',
      'TELEGRAM_WEBHOOK_SECRET',
    ]);
    expect(problems.join()).not.toContain('short');
  });

  it('takes shorter listener leases and sweeps for tests, but refuses a renewal that could miss the expiry', () => {
    expect(parseConfig({})).toMatchObject({
      LISTENER_LEASE_TTL_MS: 30_000,
      LISTENER_LEASE_RENEW_MS: 10_000,
      REMINDER_SWEEP_SECONDS: 60,
    });
    expect(
      parseConfig({ LISTENER_LEASE_TTL_MS: '3000', LISTENER_LEASE_RENEW_MS: '500', REMINDER_SWEEP_SECONDS: '2' }),
    ).toMatchObject({ LISTENER_LEASE_TTL_MS: 3_000, LISTENER_LEASE_RENEW_MS: 500, REMINDER_SWEEP_SECONDS: 2 });
    const renewal = problemsOf({ LISTENER_LEASE_TTL_MS: '3000', LISTENER_LEASE_RENEW_MS: '2000' });
    expect(renewal).toHaveLength(1);
    expect(renewal[0]).toMatch(/^LISTENER_LEASE_RENEW_MS: .*LISTENER_LEASE_TTL_MS/);
    expect(
      problemsOf({ LISTENER_LEASE_TTL_MS: '500', LISTENER_LEASE_RENEW_MS: 'often', REMINDER_SWEEP_SECONDS: '7' }).map(
        (p) => p.split(':')[0],
      ),
    ).toEqual(['LISTENER_LEASE_TTL_MS', 'LISTENER_LEASE_RENEW_MS', 'REMINDER_SWEEP_SECONDS']);
  });

  it('never repeats a secret in its error message', () => {
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: 'not-a-real-token-secret' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TELEGRAM_BOT_TOKEN: /);
    expect(problems.join()).not.toContain('not-a-real-token-secret');
  });

  it('masks the password of a bad DATABASE_URL it echoes back', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://nhacviec:hunter2-pw@db.example:3306/nv' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('mysql://nhacviec:***@db.example:3306/nv');
    expect(problems.join()).not.toContain('hunter2-pw');
  });

  it.each([
    ['postgresql://nv:s3cret@db:5432/nv', 'postgresql://nv:***@db:5432/nv'],
    ['postgres://nv:p%40ss@db/nv?sslmode=require', 'postgres://nv:***@db/nv?sslmode=require'],
    ['postgresql://db/nv?user=nv&password=s3cret&x=1', 'postgresql://db/nv?user=nv&password=***&x=1'],
    ['postgresql://nv@db/nv', 'postgresql://nv@db/nv'],
    ['postgresql://nv:p@ss@db/nv', 'postgresql://nv:***@db/nv'],
    ['file:./data/nhacviec.db', 'file:./data/nhacviec.db'],
  ])('masks %s as %s', (url, masked) => {
    expect(maskDatabaseUrl(url)).toBe(masked);
  });

  it.each(CONFIG_KEYS)('documents %s in .env.example and in the README', (key) => {
    expect(readFileSync('.env.example', 'utf8')).toMatch(new RegExp(`^${key}=`, 'm'));
    expect(readFileSync('README.md', 'utf8')).toContain(`| \`${key}\` |`);
  });
});
