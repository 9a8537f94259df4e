-- AlterTable
ALTER TABLE "Service" ADD COLUMN "kaizenSettings" JSONB;

-- CreateTable
CREATE TABLE "PdcaTransition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "problemId" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "byId" TEXT,
    "note" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PdcaTransition_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProblemSignal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "ProblemSignal_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Problem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "stageId" TEXT,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "definition" TEXT NOT NULL DEFAULT '',
    "hypothesis" TEXT,
    "pdca" TEXT NOT NULL DEFAULT 'PLAN',
    "cycle" INTEGER NOT NULL DEFAULT 1,
    "kpiName" TEXT,
    "kpiTarget" REAL,
    "kpiUnit" TEXT,
    "kpiBaseline" REAL,
    "kpiHigherIsBetter" BOOLEAN NOT NULL DEFAULT false,
    "ownerId" TEXT,
    "cause" TEXT,
    "evidence" JSONB,
    "openKey" TEXT,
    "standard" TEXT,
    "standardCriterionId" TEXT,
    "recurrenceOfId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Problem_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Problem_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "Stage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Problem" ("closedAt", "createdAt", "definition", "hypothesis", "id", "kpiName", "kpiTarget", "ownerId", "pdca", "serviceId", "source", "stageId", "title", "version") SELECT "closedAt", "createdAt", "definition", "hypothesis", "id", "kpiName", "kpiTarget", "ownerId", "pdca", "serviceId", "source", "stageId", "title", "version" FROM "Problem";
DROP TABLE "Problem";
ALTER TABLE "new_Problem" RENAME TO "Problem";
CREATE UNIQUE INDEX "Problem_openKey_key" ON "Problem"("openKey");
CREATE INDEX "Problem_serviceId_pdca_idx" ON "Problem"("serviceId", "pdca");
CREATE TABLE "new_Countermeasure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "problemId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueDate" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "doneAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Countermeasure_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Countermeasure" ("createdAt", "description", "dueDate", "id", "ownerId", "problemId", "status") SELECT "createdAt", "description", "dueDate", "id", "ownerId", "problemId", "status" FROM "Countermeasure";
DROP TABLE "Countermeasure";
ALTER TABLE "new_Countermeasure" RENAME TO "Countermeasure";
CREATE INDEX "Countermeasure_problemId_idx" ON "Countermeasure"("problemId");
CREATE TABLE "new_KaizenProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "fromStageId" TEXT NOT NULL,
    "toStageId" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "proposal" TEXT NOT NULL,
    "expectedEffect" TEXT NOT NULL DEFAULT '',
    "proposedById" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "problemId" TEXT,
    "countermeasureId" TEXT,
    "criterionId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KaizenProposal_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KaizenProposal_fromStageId_fkey" FOREIGN KEY ("fromStageId") REFERENCES "Stage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KaizenProposal_toStageId_fkey" FOREIGN KEY ("toStageId") REFERENCES "Stage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KaizenProposal_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_KaizenProposal" ("answer", "answeredAt", "answeredById", "createdAt", "fromStageId", "id", "problem", "proposal", "proposedById", "serviceId", "status", "toStageId") SELECT "answer", "answeredAt", "answeredById", "createdAt", "fromStageId", "id", "problem", "proposal", "proposedById", "serviceId", "status", "toStageId" FROM "KaizenProposal";
DROP TABLE "KaizenProposal";
ALTER TABLE "new_KaizenProposal" RENAME TO "KaizenProposal";
CREATE INDEX "KaizenProposal_serviceId_status_idx" ON "KaizenProposal"("serviceId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PdcaTransition_problemId_at_idx" ON "PdcaTransition"("problemId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemSignal_serviceId_key_key" ON "ProblemSignal"("serviceId", "key");

