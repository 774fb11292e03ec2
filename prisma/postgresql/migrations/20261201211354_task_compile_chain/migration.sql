-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "compileTaskId" INTEGER;

-- CreateIndex
CREATE INDEX "Task_compileTaskId_idx" ON "Task"("compileTaskId");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_compileTaskId_fkey" FOREIGN KEY ("compileTaskId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;
