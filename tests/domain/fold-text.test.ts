import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../../src/domain/fold-text.ts';

const VIETNAMESE = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';

describe('folding diacritics', () => {
  it.each([
    ['Quá Hạn', 'qua han'],
    ['Đã xong rồi', 'da xong roi'],
    ['Văn phòng Sở  (VP)', 'van phong so  (vp)'], // spaces are the caller's business
    ['ﬁle', 'file'], // an OCR ligature
    ['ＸＯＮＧ　１２', 'xong 12'], // full-width letters, digits and space
  ])('%j → %j', (text, folded) => {
    expect(foldDiacritics(text)).toBe(folded);
  });

  it('reads NFD input (as some phones send it) like NFC', () => {
    expect(foldDiacritics('Tình trạng'.normalize('NFD'))).toBe(foldDiacritics('Tình trạng'.normalize('NFC')));
  });

  it('leaves every Vietnamese letter, either case, as its bare ASCII letter', () => {
    const bare = 'aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyyd';
    expect(foldDiacritics(VIETNAMESE)).toBe(bare);
    expect(foldDiacritics(VIETNAMESE.toUpperCase())).toBe(bare);
  });
});
