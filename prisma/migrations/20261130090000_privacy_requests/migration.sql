-- CreateEnum
CREATE TYPE "PrivacyRequestKind" AS ENUM ('export', 'erase_customer', 'erase_shop');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" TEXT NOT NULL,
    "kind" "PrivacyRequestKind" NOT NULL,
    "source" TEXT NOT NULL,
    "customerId" TEXT,
    "externalCustomerId" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "requestedById" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseExpiresAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "export" JSONB,

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasedIdentity" (
    "hash" TEXT NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErasedIdentity_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "PrivacyRequest_completedAt_requestedAt_idx" ON "PrivacyRequest"("completedAt", "requestedAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_customerId_idx" ON "PrivacyRequest"("customerId");

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

