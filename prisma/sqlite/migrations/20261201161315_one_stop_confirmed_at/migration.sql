-- AlterTable
ALTER TABLE "Task" ADD COLUMN "confirmedAt" DATETIME;

-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN "confirmedAt" DATETIME;

-- Backfill: records the office brought in before this column existed (import or CLI, i.e. not
-- registered by an official in a chat) count as reconciled, chat-registered ones do not.
UPDATE "Task" SET "confirmedAt" = "createdAt"
 WHERE "dutyCode" IN ('pakn', 'thu-xin-loi') AND "sourceRef" IS NOT NULL
   AND EXISTS (SELECT 1 FROM "AuditEvent" a
                WHERE a."taskId" = "Task"."id" AND a."action" IN ('task.add', 'dossier.add')
                  AND a."actorKind" <> 'official');

UPDATE "Dossier" SET "confirmedAt" = "createdAt"
 WHERE EXISTS (SELECT 1 FROM "Task" t
                WHERE t."dutyCode" = 'thu-xin-loi' AND t."sourceRef" = "Dossier"."code"
                  AND t."confirmedAt" IS NOT NULL);
