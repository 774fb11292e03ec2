import { describe, expect, it } from 'vitest';
import { translateCommanderMessage } from '../../src/cli/commander-messages.ts';

describe('command-line error messages', () => {
  it('are translated to Vietnamese when commander wrote them', () => {
    expect(translateCommanderMessage("error: unknown command 'tasks'")).toBe('Lỗi: không có lệnh "tasks".');
    expect(translateCommanderMessage("error: option '--due <date>' argument 'x' is invalid. ngày sai.")).toBe(
      'Lỗi: --due <date>: ngày sai.',
    );
  });

  it('pass unknown messages through unchanged', () => {
    expect(translateCommanderMessage('something else')).toBe('something else');
  });
});
