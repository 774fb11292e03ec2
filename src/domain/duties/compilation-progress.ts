// What the office's compile task shows: which phòng have sent their report ("4/6 phòng đã nộp")
// and who is missing. Counted from the phòng tasks whenever it is shown, never stored.

export interface ContributingUnit {
  taskId: number;
  unitCode: string;
  unitName: string;
}

export interface CompilationProgress {
  /** Contributions still expected (a cancelled one is not). */
  expected: number;
  submitted: ContributingUnit[];
  missing: ContributingUnit[];
}

/** "📥 4/6 phòng đã nộp; chưa nộp: Phòng A (#12), Phòng B (#13)" or "📥 6/6 phòng đã nộp, đủ để tổng hợp". */
export function describeCompilation(progress: CompilationProgress): string {
  const count = `📥 ${progress.submitted.length}/${progress.expected} phòng đã nộp`;
  if (progress.missing.length === 0) return `${count}, đủ để tổng hợp`;
  return `${count}; chưa nộp: ${progress.missing.map((unit) => `${unit.unitName} (#${unit.taskId})`).join(', ')}`;
}
