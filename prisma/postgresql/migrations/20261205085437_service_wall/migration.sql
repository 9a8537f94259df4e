-- AlterEnum: END_OF_LIFE becomes RETIRED (Active, Retiring, Retired), no row is lost
BEGIN;
CREATE TYPE "ServiceStatus_new" AS ENUM ('ACTIVE', 'RETIRING', 'RETIRED');
ALTER TABLE "Service" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Service" ALTER COLUMN "status" TYPE "ServiceStatus_new" USING ((CASE WHEN "status"::text = 'END_OF_LIFE' THEN 'RETIRED' ELSE "status"::text END)::"ServiceStatus_new");
ALTER TYPE "ServiceStatus" RENAME TO "ServiceStatus_old";
ALTER TYPE "ServiceStatus_new" RENAME TO "ServiceStatus";
DROP TYPE "ServiceStatus_old";
ALTER TABLE "Service" ALTER COLUMN "status" SET DEFAULT 'ACTIVE';
COMMIT;

-- DropIndex
DROP INDEX "OperatingCost_serviceId_month_key";

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "endOfLifeConditions" TEXT,
ADD COLUMN     "endOfLifeDecidedAt" TIMESTAMP(3),
ADD COLUMN     "endOfLifeDecidedById" TEXT,
ADD COLUMN     "mriRequiredKinds" TEXT NOT NULL DEFAULT 'RF,RQ,TC,BC,PBA,SLR,SLA,SAC,SDP,SLP,OLA',
ADD COLUMN     "recoveryTestIntervalDays" INTEGER NOT NULL DEFAULT 90;

-- AlterTable
ALTER TABLE "ServiceLevel" ADD COLUMN     "operationsStoryId" TEXT,
ADD COLUMN     "supportHours" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "windowDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "ServiceLevelBreach" ADD COLUMN     "problemId" TEXT;

-- AlterTable
ALTER TABLE "OperatingCost" ADD COLUMN     "category" TEXT NOT NULL DEFAULT 'Run',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "MriEntry" ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "reviewIntervalDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "AvailabilitySample" (
    "id" TEXT NOT NULL,
    "serviceLevelId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "availabilityPercent" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AvailabilitySample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryTest" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "testedAt" TIMESTAMP(3) NOT NULL,
    "scenario" TEXT NOT NULL,
    "achievedRpoMinutes" DOUBLE PRECISION NOT NULL,
    "achievedRtoMinutes" DOUBLE PRECISION NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "evidenceUrl" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryTest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AvailabilitySample_serviceLevelId_periodEnd_idx" ON "AvailabilitySample"("serviceLevelId", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "AvailabilitySample_serviceLevelId_periodStart_key" ON "AvailabilitySample"("serviceLevelId", "periodStart");

-- CreateIndex
CREATE INDEX "RecoveryTest_serviceId_testedAt_idx" ON "RecoveryTest"("serviceId", "testedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OperatingCost_serviceId_month_category_key" ON "OperatingCost"("serviceId", "month", "category");

-- AddForeignKey
ALTER TABLE "AvailabilitySample" ADD CONSTRAINT "AvailabilitySample_serviceLevelId_fkey" FOREIGN KEY ("serviceLevelId") REFERENCES "ServiceLevel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryTest" ADD CONSTRAINT "RecoveryTest_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

