-- AlterEnum
ALTER TYPE "ZaloInviteState" ADD VALUE 'uncertain';

-- AlterTable
ALTER TABLE "ZaloInvitation" ADD COLUMN     "attemptAt" TIMESTAMP(3);
