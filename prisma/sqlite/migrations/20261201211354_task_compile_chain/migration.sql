-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Task" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "dutyCode" TEXT,
    "unitId" INTEGER NOT NULL,
    "assigneeId" INTEGER,
    "periodKey" TEXT,
    "sourceRef" TEXT,
    "eventDate" TEXT,
    "targetDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "deadlineBasis" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "snoozedUntil" TEXT,
    "nextReminderOn" TEXT DEFAULT '0000-00-00',
    "doneAt" DATETIME,
    "doneById" INTEGER,
    "note" TEXT,
    "confirmedAt" DATETIME,
    "compileTaskId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Task_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_compileTaskId_fkey" FOREIGN KEY ("compileTaskId") REFERENCES "Task" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("assigneeId", "confirmedAt", "createdAt", "deadlineBasis", "doneAt", "doneById", "dueDate", "dutyCode", "eventDate", "id", "nextReminderOn", "note", "periodKey", "snoozedUntil", "sourceRef", "status", "targetDate", "title", "unitId", "updatedAt") SELECT "assigneeId", "confirmedAt", "createdAt", "deadlineBasis", "doneAt", "doneById", "dueDate", "dutyCode", "eventDate", "id", "nextReminderOn", "note", "periodKey", "snoozedUntil", "sourceRef", "status", "targetDate", "title", "unitId", "updatedAt" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE INDEX "Task_status_dueDate_idx" ON "Task"("status", "dueDate");
CREATE INDEX "Task_assigneeId_status_dueDate_idx" ON "Task"("assigneeId", "status", "dueDate");
CREATE INDEX "Task_unitId_status_dueDate_idx" ON "Task"("unitId", "status", "dueDate");
CREATE INDEX "Task_status_nextReminderOn_idx" ON "Task"("status", "nextReminderOn");
CREATE INDEX "Task_compileTaskId_idx" ON "Task"("compileTaskId");
CREATE UNIQUE INDEX "Task_dutyCode_unitId_periodKey_key" ON "Task"("dutyCode", "unitId", "periodKey");
CREATE UNIQUE INDEX "Task_dutyCode_sourceRef_key" ON "Task"("dutyCode", "sourceRef");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
