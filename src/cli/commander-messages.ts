// Commander writes its parse errors in English; the office reads Vietnamese. Known messages are
// translated, anything else passes through unchanged (never hidden).
const TRANSLATIONS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: required option '([^']+)' not specified/, (option) => `Lỗi: thiếu tuỳ chọn bắt buộc ${option}.`],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. (.*)/s, (option, _value, why) => `Lỗi: ${option}: ${why}`],
  [
    /^error: command-argument value '([^']*)' is invalid for argument '([^']+)'\. (.*)/s,
    (_value, name, why) => `Lỗi: <${name}>: ${why}`,
  ],
  [/^error: missing required argument '([^']+)'/, (name) => `Lỗi: thiếu đối số <${name}>.`],
  [/^error: unknown command '([^']+)'/, (name) => `Lỗi: không có lệnh "${name}".`],
  [/^error: unknown option '([^']+)'/, (name) => `Lỗi: không có tuỳ chọn "${name}".`],
  [
    /^error: too many arguments(?: for '([^']+)')?/,
    (name) => `Lỗi: thừa đối số${name ? ` cho lệnh ${name}` : ''} (đặt văn bản có dấu cách trong ngoặc kép).`,
  ],
  [/^error: option '([^']+)' argument missing/, (option) => `Lỗi: ${option} cần một giá trị.`],
];

export function translateCommanderMessage(message: string): string {
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) return `${translate(...match.slice(1))}${message.slice(match[0].length)}`;
  }
  return message;
}
