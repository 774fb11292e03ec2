import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/channels/split-text.ts';

describe('splitText', () => {
  it('leaves a short text whole', () => {
    expect(splitText('Việc #1\nViệc #2', 20)).toEqual(['Việc #1\nViệc #2']);
  });

  it('cuts at the last line break that fits', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('cuts a long line at a space rather than inside a word', () => {
    expect(splitText('một hai ba bốn năm', 8)).toEqual(['một hai', 'ba bốn', 'năm']);
  });

  it('cuts an unbroken word hard without splitting an emoji in half', () => {
    const chunks = splitText(`abc${'🙂'.repeat(3)}`, 4);
    expect(chunks).toEqual(['abc', '🙂🙂', '🙂']);
  });

  it('drops parts that would be only whitespace', () => {
    expect(splitText('a\n\n\n\n\n\nb', 2)).toEqual(['a', 'b']);
    expect(splitText('   ', 10)).toEqual([]);
  });
});
