-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "deadlineBasis" TEXT,
ADD COLUMN     "targetDate" TEXT;

-- The stored date becomes the target, and the legal due date starts equal and is computed again from
-- the rule at the next start (tasks whose dates a duty rule made and nobody edited by hand).
UPDATE "Task" SET "targetDate" = "dueDate",
  "deadlineBasis" = CASE WHEN "dutyCode" IS NOT NULL AND ("periodKey" IS NOT NULL OR "eventDate" IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."taskId" = "Task"."id" AND a."action" = 'task.edit' AND a."payload" LIKE '%"dueDate"%')
    THEN 'duty' END;

ALTER TABLE "Task" ALTER COLUMN "targetDate" SET NOT NULL;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- An existing database: its tasks get their legal due dates once, at the next start.
INSERT INTO "Setting" ("key", "value", "updatedAt")
SELECT 'deadlines.legal-due-backfill', 'pending', CURRENT_TIMESTAMP WHERE EXISTS (SELECT 1 FROM "Task");
