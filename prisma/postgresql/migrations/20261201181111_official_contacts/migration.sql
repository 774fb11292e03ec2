-- AlterTable
ALTER TABLE "Official" ADD COLUMN     "email" TEXT,
ADD COLUMN     "phone" TEXT;
