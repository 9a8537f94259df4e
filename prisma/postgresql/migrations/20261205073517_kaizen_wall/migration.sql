-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "kaizenSettings" JSONB;

-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "cause" TEXT,
ADD COLUMN     "cycle" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "evidence" JSONB,
ADD COLUMN     "kpiBaseline" DOUBLE PRECISION,
ADD COLUMN     "kpiHigherIsBetter" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "kpiUnit" TEXT,
ADD COLUMN     "openKey" TEXT,
ADD COLUMN     "recurrenceOfId" TEXT,
ADD COLUMN     "standard" TEXT,
ADD COLUMN     "standardCriterionId" TEXT;

-- AlterTable
ALTER TABLE "Countermeasure" ADD COLUMN     "doneAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "KaizenProposal" ADD COLUMN     "countermeasureId" TEXT,
ADD COLUMN     "criterionId" TEXT,
ADD COLUMN     "expectedEffect" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "problemId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "PdcaTransition" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "fromState" "PdcaState" NOT NULL,
    "toState" "PdcaState" NOT NULL,
    "cycle" INTEGER NOT NULL,
    "byId" TEXT,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PdcaTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemSignal" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProblemSignal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PdcaTransition_problemId_at_idx" ON "PdcaTransition"("problemId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemSignal_serviceId_key_key" ON "ProblemSignal"("serviceId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_openKey_key" ON "Problem"("openKey");

-- AddForeignKey
ALTER TABLE "PdcaTransition" ADD CONSTRAINT "PdcaTransition_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemSignal" ADD CONSTRAINT "ProblemSignal_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KaizenProposal" ADD CONSTRAINT "KaizenProposal_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

