-- AlterTable
ALTER TABLE "Official" ADD COLUMN "email" TEXT;
ALTER TABLE "Official" ADD COLUMN "phone" TEXT;
