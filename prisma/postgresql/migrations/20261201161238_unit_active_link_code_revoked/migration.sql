-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "LinkCode" ADD COLUMN     "revokedAt" TIMESTAMP(3);
