-- AlterTable
ALTER TABLE "Notice" ADD COLUMN "onceKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Notice_recipientId_onceKey_key" ON "Notice"("recipientId", "onceKey");
