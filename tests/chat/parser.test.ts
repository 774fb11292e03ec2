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
    expect(parser.parse('xong rồi', 'Họp lúc 9 giờ nhé')).toEqual({ kind: 'chatter' });
  });

  it.each([
    ['xong 12', 'xong', ['12']],
    ['xong #12 #13', 'xong', ['12', '13']],
    ['xong 12, 13', 'xong', ['12,', '13']],
    ['Xong 12,13', 'xong', ['12,13']],
    ['xong 12: đã gửi', 'xong', ['12', 'đã', 'gửi']],
    ['xong 12 13: đã gửi bản cứng', 'xong', ['12', '13', 'đã', 'gửi', 'bản', 'cứng']],
    ['hoan 12 3', 'hoan', ['12', '3']],
    ['hoãn 12 3', 'hoan', ['12', '3']],
    ['viec', 'viec', []],
    ['tình trạng 12', 'tinhtrang', ['12']],
    ['baocao 11/2026', 'baocao', ['11/2026']],
    ['hoso xong HS-001', 'hoso', ['xong', 'HS-001']],
    ['hoso 000.00.12.H39-261110-0003 23/02/2026', 'hoso', ['000.00.12.H39-261110-0003', '23/02/2026']],
    ['pakn PAKN-0042 10/02/2026: Phản ánh chậm trả kết quả', 'pakn', ['PAKN-0042', '10/02/2026', 'Phản', 'ánh']],
    ['lienket K7QWMXABCD', 'lienket', ['K7QWMXABCD']],
    ['hoàn tác', 'hoantac', []],
    ['mo 12: gửi nhầm', 'mo', ['12', 'gửi', 'nhầm']],
  ])('reads the exact unslashed %j as a command', (text, command, args) => {
    const parsed = summary(parser.parse(text));
    expect(parsed).toMatchObject({ command, slashed: false });
    expect((parsed as { args: string[] }).args.slice(0, args.length)).toEqual(args);
  });

  it.each([
    'xong 10 phút nữa em gửi',
    'Xong 2 bản rồi anh ơi',
    'xong 3 hồ sơ rồi nhé',
    'xong 10h',
    'xong 12 15p nữa',
    'xong 10:30 em gửi',
    'xong: 10 phút nữa em gửi',
    'hoan 12 ngày nữa nhé',
    'viec gi day',
    'tinh trang 12 the nao roi',
    'mo 12 ra xem',
    'xong rồi',
  ])('reads the unslashed %j as chatter', (text) => {
    expect(parser.parse(text)).toEqual({ kind: 'chatter' });
  });

  it('reads the same words with a slash as the command, its note included', () => {
    expect(summary(parser.parse('/xong 10 phút nữa em gửi'))).toEqual({
      command: 'xong',
      args: ['10', 'phút', 'nữa', 'em', 'gửi'],
      slashed: true,
    });
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
      'hoantac',
      'mo',
      'giao',
      'huy',
      'nhac',
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
