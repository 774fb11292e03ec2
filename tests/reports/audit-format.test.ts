import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/db/store/audit-queries.ts';
import { payloadSummary, renderAuditText } from '../../src/reports/audit-format.ts';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: new Date('2026-11-30T16:45:00Z'),
  actorKind: 'cli',
  actor: null,
  channel: 'cli',
  chatId: null,
  action: 'task.done',
  taskId: 12,
  payload: null,
  ...overrides,
});

describe('the audit log as text', () => {
  it('names an undone unlink and what came back', () => {
    const text = renderAuditText([
      entry({
        action: 'identity.restore',
        taskId: null,
        payload:
          '{"username":"lethib","undoes":7,"before":{"identities":[]},"after":{"identities":[{"channel":"telegram","externalId":"5201"}]}}',
      }),
    ]);
    expect(text).toContain('khôi phục liên kết chat (hoàn tác gỡ nhầm) (identity.restore)');
    expect(text).toContain('undoes=7');
  });

  it('shows each change in Vietnam time, whatever the server’s time zone', () => {
    // 16:45 UTC on 30/11 is 23:45 the same day in Vietnam; 17:30 UTC is already 01/12 there.
    const text = renderAuditText([
      entry({
        actorKind: 'official',
        actor: { username: 'lethib', fullName: 'Lê Thị Bích' },
        channel: 'zalo',
        chatId: 'zalo:user:42',
      }),
      entry({
        id: 2,
        at: new Date('2026-11-30T17:30:00Z'),
        actorKind: 'system',
        channel: 'system',
        action: 'task.cancel',
        payload: '{"reason":"hồ sơ HS-01 trả đúng hạn"}',
      }),
    ]);
    expect(text.split('\n')).toEqual([
      '30/11/2026 23:45\tlethib (Lê Thị Bích)\tzalo:user:42\tbáo xong việc (task.done)\t#12',
      '01/12/2026 00:30\thệ thống\tsystem\thuỷ việc (task.cancel)\t#12\treason=hồ sơ HS-01 trả đúng hạn',
    ]);
  });

  it('says so when there is nothing to list', () => {
    expect(renderAuditText([])).toBe('Không có thay đổi nào.');
  });

  it('summarises recorded details on one line, cut when long, and shows text that is not JSON as it is', () => {
    expect(payloadSummary('{"code":"HS-01","dueDate":"2026-11-18","skip":null}')).toBe(
      'code=HS-01, dueDate=2026-11-18',
    );
    expect(payloadSummary(JSON.stringify({ note: 'x'.repeat(300) }))).toHaveLength(100);
    expect(payloadSummary('not json\nat all')).toBe('not json at all');
  });

  it('names the chat once: the recorded chat address already says its channel', () => {
    const text = renderAuditText([
      entry({
        actorKind: 'official',
        actor: { username: 'lethib', fullName: 'Lê Thị Bích' },
        channel: 'telegram',
        chatId: 'telegram:3002',
      }),
    ]);
    expect(text).toContain('\ttelegram:3002\t');
    expect(text).not.toContain('telegram:telegram:');
  });

  it('shows a correction as what changed, from → to, and its other details', () => {
    const payload = JSON.stringify({
      before: { assignee: 'vphead', dueDate: '2026-12-31', title: 'Báo cáo' },
      after: { assignee: 'lethib', dueDate: '2026-12-10', title: 'Báo cáo' },
      reason: 'theo hệ thống một cửa',
    });
    expect(payloadSummary(payload, 200)).toBe(
      'assignee: vphead → lethib, dueDate: 2026-12-31 → 2026-12-10, reason=theo hệ thống một cửa',
    );
    expect(payloadSummary(JSON.stringify({ before: { note: null }, after: { note: 'đã gửi' } }))).toBe(
      'note: ∅ → đã gửi',
    );
  });
});
