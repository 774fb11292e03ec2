// The "Trạng thái" column of one-stop exports, folded: only "finished" changes anything here
// (PAKN answered → task done; dossier returned → markDossierReturned). Unknown wording is refused
// rather than guessed, so a new status in the export is noticed.
import { foldWords } from '../fold-text.ts';

export type Progress = 'pending' | 'finished';

// Checked first: "Chưa trả lời", "Đang xử lý" contain the words of a finished status; then
// finished ("Đã trả kết quả trễ hạn" is finished, late); then the other in-progress wordings.
const NOT_YET = /\b(?:chua|dang|cho)\b/;
const FINISHED =
  /\bda tra\b|\bda xu ly\b|hoan thanh|da giai quyet|tra ket qua|da tra loi|da phan hoi|\bxong\b|ket thuc/;
const IN_PROGRESS = /tiep nhan|moi nhan|bo sung|tre han|qua han|tam dung|trong han/;

/** Undefined when the wording is not understood. */
export function classifyProgress(text: string): Progress | undefined {
  const folded = foldWords(text);
  if (!folded) return 'pending';
  if (NOT_YET.test(folded)) return 'pending';
  if (FINISHED.test(folded)) return 'finished';
  if (IN_PROGRESS.test(folded)) return 'pending';
  return undefined;
}
