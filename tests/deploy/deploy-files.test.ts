// The files an office installs from: the systemd unit passes `systemd-analyze verify` (where the
// tool exists; skipped with a notice otherwise), and the container recipe keeps its promises
// (Node 20 slim, a non-root user, a data volume, nothing fetched but npm and Debian packages).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/migrate/migrations.ts';

const UNIT = join(PROJECT_ROOT, 'deploy/nhacviec.service');
const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
if (!hasSystemdAnalyze) console.warn('systemd-analyze not found: the unit file check is SKIPPED');

/** What `systemd-analyze verify` says about the unit itself (it exits 0 on unknown keys; it prints them). */
function verifyUnit(path: string): string[] {
  const result = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
  const complaints = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter((line) => line.includes('nhacviec.service'));
  return result.status === 0 ? complaints : [`exit ${result.status}`, ...complaints];
}

describe.skipIf(!hasSystemdAnalyze)('deploy/nhacviec.service', () => {
  it('passes systemd-analyze verify without a single complaint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-unit-'));
    copyFileSync(UNIT, join(dir, 'nhacviec.service'));
    expect(verifyUnit(join(dir, 'nhacviec.service'))).toEqual([]);
  });

  it('would be caught with a misspelt option (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-unit-'));
    const broken = readFileSync(UNIT, 'utf8').replace('NoNewPrivileges=yes', 'NoNewPrivilegez=yes');
    writeFileSync(join(dir, 'nhacviec.service'), broken);
    expect(verifyUnit(join(dir, 'nhacviec.service')).join('\n')).toContain("Unknown key 'NoNewPrivilegez'");
  });
});

describe('the service definitions', () => {
  const unit = readFileSync(UNIT, 'utf8');
  const dockerfile = readFileSync(join(PROJECT_ROOT, 'deploy/Dockerfile'), 'utf8');

  it('restarts on failure as a dedicated user, hardened, writing only its data directory', () => {
    for (const line of [
      'Restart=on-failure',
      'User=nhacviec',
      'EnvironmentFile=/etc/nhacviec/nhacviec.env',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/nhacviec',
      'NoNewPrivileges=yes',
      'PrivateTmp=yes',
    ]) {
      expect(unit.split('\n')).toContain(line);
    }
  });

  it('builds a non-root Node 20 slim image with a data volume, from npm and Debian only', () => {
    expect(dockerfile).toMatch(/^FROM node:20-slim AS build$/m);
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^USER nhacviec$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    const instructions = dockerfile.split('\n').filter((line) => !line.trimStart().startsWith('#'));
    expect(instructions.join('\n')).not.toMatch(/curl|wget|https?:\/\/(?!127\.0\.0\.1)/);
  });
});
