-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "zaloGroupId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Unit_zaloGroupId_key" ON "Unit"("zaloGroupId");
