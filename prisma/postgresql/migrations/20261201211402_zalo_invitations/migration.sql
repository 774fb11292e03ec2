-- CreateEnum
CREATE TYPE "ZaloInviteState" AS ENUM ('pending', 'sending', 'sent', 'not_on_zalo', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "ZaloInvitation" (
    "id" SERIAL NOT NULL,
    "officialId" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "state" "ZaloInviteState" NOT NULL DEFAULT 'pending',
    "notBefore" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "zaloUserId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZaloInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ZaloInvitation_officialId_key" ON "ZaloInvitation"("officialId");

-- CreateIndex
CREATE INDEX "ZaloInvitation_state_notBefore_idx" ON "ZaloInvitation"("state", "notBefore");

-- AddForeignKey
ALTER TABLE "ZaloInvitation" ADD CONSTRAINT "ZaloInvitation_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;
