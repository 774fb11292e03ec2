/**
 * Prisma's "unique constraint failed": P2002 from the query builders, or, from raw tagged
 * queries (multi-row INSERTs), P2010 carrying the driver adapter's UniqueConstraintViolation.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  if (code === 'P2002') return true;
  return code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}
