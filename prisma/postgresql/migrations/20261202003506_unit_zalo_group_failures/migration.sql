-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "zaloGroupAlerted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "zaloGroupFailingSince" TIMESTAMP(3),
ADD COLUMN     "zaloGroupFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "zaloGroupLastError" TEXT;
