-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" INTEGER,
    "focalOfficialId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "zaloGroupId" TEXT,
    "zaloGroupFailures" INTEGER NOT NULL DEFAULT 0,
    "zaloGroupLastError" TEXT,
    "zaloGroupFailingSince" DATETIME,
    "zaloGroupAlerted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Unit_focalOfficialId_fkey" FOREIGN KEY ("focalOfficialId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("active", "code", "createdAt", "focalOfficialId", "id", "name", "parentId", "zaloGroupId") SELECT "active", "code", "createdAt", "focalOfficialId", "id", "name", "parentId", "zaloGroupId" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");
CREATE UNIQUE INDEX "Unit_zaloGroupId_key" ON "Unit"("zaloGroupId");
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
