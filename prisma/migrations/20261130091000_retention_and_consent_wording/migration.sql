-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "retentionMonths" INTEGER DEFAULT 24,
ADD COLUMN     "retentionRedactedBefore" TIMESTAMP(3),
ADD COLUMN     "smsConsentWordingEn" TEXT NOT NULL DEFAULT 'Receive order updates and a single review request by SMS. Reply STOP to opt out.',
ADD COLUMN     "smsConsentWordingFr" TEXT NOT NULL DEFAULT 'Recevoir le suivi de ma commande et une seule demande d''avis par SMS. Répondez STOP pour ne plus en recevoir.';

