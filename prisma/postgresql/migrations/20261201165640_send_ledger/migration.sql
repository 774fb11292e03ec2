-- CreateTable
CREATE TABLE "SendLedger" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendLedger_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SendLedger_channel_at_idx" ON "SendLedger"("channel", "at");
