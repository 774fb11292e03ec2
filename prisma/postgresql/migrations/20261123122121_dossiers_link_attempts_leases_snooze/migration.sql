-- CreateEnum
CREATE TYPE "DossierStatus" AS ENUM ('processing', 'returned');

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "snoozedUntil" TEXT;

-- CreateTable
CREATE TABLE "Dossier" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT,
    "unitId" INTEGER NOT NULL,
    "assigneeId" INTEGER,
    "dueDate" TEXT NOT NULL,
    "status" "DossierStatus" NOT NULL DEFAULT 'processing',
    "returnedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dossier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkAttempt" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Dossier_code_key" ON "Dossier"("code");

-- CreateIndex
CREATE INDEX "Dossier_status_dueDate_idx" ON "Dossier"("status", "dueDate");

-- CreateIndex
CREATE INDEX "Dossier_unitId_dueDate_idx" ON "Dossier"("unitId", "dueDate");

-- CreateIndex
CREATE INDEX "LinkAttempt_channel_chatId_at_idx" ON "LinkAttempt"("channel", "chatId", "at");

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;
