import { describe, expect, it } from 'vitest';
import { databaseUrlFor, DEMO_DATABASE_URL, parseStartOptions } from '../../src/app/start-options.ts';

describe('start options', () => {
  it('gives the demo its own database whatever DATABASE_URL says (a copied .env included)', () => {
    const demo = parseStartOptions(['--demo']);
    expect(databaseUrlFor(demo, 'file:./data/nhacviec.db')).toBe(DEMO_DATABASE_URL);
    expect(DEMO_DATABASE_URL).toBe('file:./data/demo.db');
    const elsewhere = parseStartOptions(['--demo', '--demo-db', 'file:/tmp/thu.db']);
    expect(databaseUrlFor(elsewhere, 'postgresql://u:p@db/real')).toBe('file:/tmp/thu.db');
    expect(databaseUrlFor(parseStartOptions([]), 'postgresql://u:p@db/real')).toBe('postgresql://u:p@db/real');
  });

  it('takes --demo-db only with --demo', () => {
    expect(() => parseStartOptions(['--demo-db', 'file:/tmp/thu.db'])).toThrow('--demo-db chỉ dùng cùng với --demo.');
  });
});
