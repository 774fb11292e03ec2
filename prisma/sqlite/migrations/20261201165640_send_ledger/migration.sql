-- CreateTable
CREATE TABLE "SendLedger" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SendLedger_channel_at_idx" ON "SendLedger"("channel", "at");
