-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "smsPriceCurrency" TEXT NOT NULL DEFAULT 'EUR',
ADD COLUMN     "smsPricePerSegment" DECIMAL(8,4) NOT NULL DEFAULT 0.0750,
ADD COLUMN     "voiceSamples" TEXT[] DEFAULT ARRAY[]::TEXT[];

