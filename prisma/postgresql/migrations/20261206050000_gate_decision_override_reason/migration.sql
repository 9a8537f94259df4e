-- AlterTable
ALTER TABLE "GateDecision" ADD COLUMN     "overrideReason" TEXT;

