-- CreateEnum
CREATE TYPE "NoticeState" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "taskId" INTEGER,
    "text" TEXT NOT NULL,
    "state" "NoticeState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notice_state_nextAttemptAt_idx" ON "Notice"("state", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;
