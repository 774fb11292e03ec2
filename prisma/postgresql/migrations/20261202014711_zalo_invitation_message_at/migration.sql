-- AlterTable
ALTER TABLE "ZaloInvitation" ADD COLUMN     "messageAt" TIMESTAMP(3);

-- An attempt already in flight when this runs may have sent its message: keep it on the safe side
-- (uncertain after the hour, never retried on its own).
UPDATE "ZaloInvitation" SET "messageAt" = "attemptAt" WHERE "state" = 'sending';
