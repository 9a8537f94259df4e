-- AlterTable
ALTER TABLE "ServiceLevelBreach" ADD COLUMN "problemId" TEXT;

-- CreateTable
CREATE TABLE "AvailabilitySample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceLevelId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "availabilityPercent" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AvailabilitySample_serviceLevelId_fkey" FOREIGN KEY ("serviceLevelId") REFERENCES "ServiceLevel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryTest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "testedAt" DATETIME NOT NULL,
    "scenario" TEXT NOT NULL,
    "achievedRpoMinutes" REAL NOT NULL,
    "achievedRtoMinutes" REAL NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "evidenceUrl" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryTest_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Service" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "rpoMinutes" INTEGER,
    "rtoMinutes" INTEGER,
    "plannedMonthlyCost" REAL,
    "kaizenSettings" JSONB,
    "endOfLifeDate" DATETIME,
    "endOfLifePlan" TEXT,
    "endOfLifeConditions" TEXT,
    "endOfLifeDecidedAt" DATETIME,
    "endOfLifeDecidedById" TEXT,
    "mriRequiredKinds" TEXT NOT NULL DEFAULT 'RF,RQ,TC,BC,PBA,SLR,SLA,SAC,SDP,SLP,OLA',
    "recoveryTestIntervalDays" INTEGER NOT NULL DEFAULT 90,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Service_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Service_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Service" ("createdAt", "description", "endOfLifeDate", "endOfLifePlan", "id", "kaizenSettings", "key", "lastSeq", "name", "orgId", "plannedMonthlyCost", "rpoMinutes", "rtoMinutes", "status", "teamId", "version") SELECT "createdAt", "description", "endOfLifeDate", "endOfLifePlan", "id", "kaizenSettings", "key", "lastSeq", "name", "orgId", "plannedMonthlyCost", "rpoMinutes", "rtoMinutes", CASE WHEN "status" = 'END_OF_LIFE' THEN 'RETIRED' ELSE "status" END, "teamId", "version" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_key_key" ON "Service"("key");
CREATE INDEX "Service_teamId_idx" ON "Service"("teamId");
CREATE TABLE "new_ServiceLevel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "target" REAL NOT NULL,
    "unit" TEXT NOT NULL,
    "higherIsBetter" BOOLEAN NOT NULL DEFAULT true,
    "windowDays" INTEGER NOT NULL DEFAULT 30,
    "supportHours" TEXT NOT NULL DEFAULT '',
    "operationsStoryId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ServiceLevel_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ServiceLevel" ("createdAt", "higherIsBetter", "id", "kind", "name", "serviceId", "target", "unit") SELECT "createdAt", "higherIsBetter", "id", "kind", "name", "serviceId", "target", "unit" FROM "ServiceLevel";
DROP TABLE "ServiceLevel";
ALTER TABLE "new_ServiceLevel" RENAME TO "ServiceLevel";
CREATE INDEX "ServiceLevel_serviceId_idx" ON "ServiceLevel"("serviceId");
CREATE TABLE "new_OperatingCost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "month" DATETIME NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'Run',
    "planned" REAL NOT NULL,
    "actual" REAL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "OperatingCost_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OperatingCost" ("actual", "id", "month", "planned", "serviceId") SELECT "actual", "id", "month", "planned", "serviceId" FROM "OperatingCost";
DROP TABLE "OperatingCost";
ALTER TABLE "new_OperatingCost" RENAME TO "OperatingCost";
CREATE UNIQUE INDEX "OperatingCost_serviceId_month_category_key" ON "OperatingCost"("serviceId", "month", "category");
CREATE TABLE "new_MriEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "ownerId" TEXT,
    "reviewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewIntervalDays" INTEGER NOT NULL DEFAULT 90,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MriEntry_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MriEntry" ("content", "id", "kind", "serviceId", "updatedAt", "version") SELECT "content", "id", "kind", "serviceId", "updatedAt", "version" FROM "MriEntry";
DROP TABLE "MriEntry";
ALTER TABLE "new_MriEntry" RENAME TO "MriEntry";
CREATE UNIQUE INDEX "MriEntry_serviceId_kind_key" ON "MriEntry"("serviceId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AvailabilitySample_serviceLevelId_periodEnd_idx" ON "AvailabilitySample"("serviceLevelId", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "AvailabilitySample_serviceLevelId_periodStart_key" ON "AvailabilitySample"("serviceLevelId", "periodStart");

-- CreateIndex
CREATE INDEX "RecoveryTest_serviceId_testedAt_idx" ON "RecoveryTest"("serviceId", "testedAt");

