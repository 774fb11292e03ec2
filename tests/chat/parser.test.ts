import { describe, expect, it } from 'vitest';
import { CommandParser, type ParsedMessage } from '../../src/chat/parser.ts';
import { telegramMenu } from '../../src/chat/telegram-menu.ts';
import { COMMANDS } from '../../commands/index.ts';

const parser = new CommandParser(COMMANDS);
const summary = (parsed: ParsedMessage) =>
  parsed.kind === 'command' ? { command: parsed.command.names[0], args: parsed.args, slashed: parsed.slashed } : parsed;

describe('the command parser', () => {
  it.each([
    ['/xong 12', ['12']],
    ['/xong #12', ['12']],
    ['/xong@NhacViecBot 12', ['12']],
    ['/xong 12 13', ['12', '13']],
    ['  /xong   12  ', ['12']],
    ['/XONG 12', ['12']],
    ['/Xong #12 đã gửi', ['12', 'đã gửi']],
    ['／ｘｏｎｇ　１２', ['12']],
    ['/done 12', ['12']],
    ['/xong\u200F 12\u0000', ['12']],
  ])('reads %j as /xong with %j', (text, args) => {
    const parsed = summary(parser.parse(text));
    expect(parsed).toMatchObject({ command: 'xong', slashed: true });
    expect((parsed as { args: string[] }).args.join(' ')).toBe(args.join(' '));
  });

  it('reads a command typed without a slash, as on Zalo', () => {
    expect(summary(parser.parse('xong 12'))).toEqual({ command: 'xong', args: ['12'], slashed: false });
  });

  it.each(['/quahan', '/quá hạn', '/Quá Hạn', '/qua han', '/quá hạn'.normalize('NFD'), '/overdue', '/QUÁHẠN'])(
    'reads %j as /quahan whatever the diacritics, case or Unicode form',
    (text) => {
      expect(summary(parser.parse(text))).toMatchObject({ command: 'quahan', args: [] });
    },
  );

  it('reads /tình trạng 12 (two words with diacritics) as /tinhtrang 12', () => {
    expect(summary(parser.parse('/tình trạng 12'))).toMatchObject({ command: 'tinhtrang', args: ['12'] });
  });

  it('calls an unknown slash command unknown and ordinary talk chatter', () => {
    expect(parser.parse('/thongke')).toEqual({ kind: 'unknown', name: 'thongke' });
    expect(parser.parse('chào anh, họp lúc mấy giờ?')).toEqual({ kind: 'chatter' });
    expect(parser.parse('   ')).toEqual({ kind: 'chatter' });
    expect(parser.parse('\u0000\u200B')).toEqual({ kind: 'chatter' });
  });

  it.each(['xong', 'đã xong', 'xong rồi', 'Xong rồi ạ', 'ok xong', 'ĐÃ XONG!'])(
    'turns the reply %j to a quoted reminder into /xong of the task ids it named',
    (text) => {
      const parsed = parser.parse(text, '🔔 Nhắc việc #12 Báo cáo tháng (hạn 19/11/2026) và #13 Công khai');
      expect(summary(parsed)).toEqual({ command: 'xong', args: ['12', '13'], slashed: true });
    },
  );

  it('does not treat "xong" as closing anything when the quoted message names no task', () => {
    expect(summary(parser.parse('xong rồi', 'Họp lúc 9 giờ nhé'))).toMatchObject({ command: 'xong', args: ['rồi'] });
  });

  it('does not treat other replies to a reminder as "done"', () => {
    expect(summary(parser.parse('chưa xong đâu', 'Nhắc việc #12'))).toEqual({ kind: 'chatter' });
  });

  it('refuses a registry where two commands share a name', () => {
    const [first, second] = COMMANDS;
    expect(() => new CommandParser([first!, { ...second!, names: [first!.names[0]] }])).toThrow(/used twice/);
  });
});

describe('the Telegram command menu', () => {
  it('lists the Vietnamese command names with Vietnamese descriptions and leaves out console-only commands', () => {
    const menu = telegramMenu(COMMANDS);
    expect(menu.map((entry) => entry.command)).toEqual([
      'viec',
      'xong',
      'quahan',
      'tinhtrang',
      'hoan',
      'pakn',
      'hoso',
      'baocao',
      'lienket',
      'giup',
    ]);
    expect(menu.find((entry) => entry.command === 'xong')?.description).toMatch(/Báo đã xong việc/);
  });
});
