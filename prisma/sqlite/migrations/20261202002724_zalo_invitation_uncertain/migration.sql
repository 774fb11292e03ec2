-- AlterTable
ALTER TABLE "ZaloInvitation" ADD COLUMN "attemptAt" DATETIME;
