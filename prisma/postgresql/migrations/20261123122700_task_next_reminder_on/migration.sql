-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "nextReminderOn" TEXT DEFAULT '0000-00-00';

-- CreateIndex
CREATE INDEX "Task_status_nextReminderOn_idx" ON "Task"("status", "nextReminderOn");
