-- Triage (#12): how sure the classifier was, and agents' label corrections.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "classificationConfidence" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "LabelCorrection" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "correctedById" TEXT,
    "fromIntent" "Intent",
    "fromSentiment" "Sentiment",
    "fromFrictionHint" "FrictionHint",
    "fromSource" TEXT,
    "toIntent" "Intent" NOT NULL,
    "toSentiment" "Sentiment" NOT NULL,
    "toFrictionHint" "FrictionHint",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabelCorrection_createdAt_idx" ON "LabelCorrection"("createdAt");

-- CreateIndex
CREATE INDEX "LabelCorrection_messageId_idx" ON "LabelCorrection"("messageId");

-- AddForeignKey
ALTER TABLE "LabelCorrection" ADD CONSTRAINT "LabelCorrection_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelCorrection" ADD CONSTRAINT "LabelCorrection_correctedById_fkey" FOREIGN KEY ("correctedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

