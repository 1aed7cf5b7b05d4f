-- CreateEnum
CREATE TYPE "FrictionCategoryStatus" AS ENUM ('confirmed', 'suggested');

-- AlterTable
ALTER TABLE "FrictionCategory" ADD COLUMN     "status" "FrictionCategoryStatus" NOT NULL DEFAULT 'confirmed',
ADD COLUMN     "suggestedById" TEXT;

-- AddForeignKey
ALTER TABLE "FrictionCategory" ADD CONSTRAINT "FrictionCategory_suggestedById_fkey" FOREIGN KEY ("suggestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

