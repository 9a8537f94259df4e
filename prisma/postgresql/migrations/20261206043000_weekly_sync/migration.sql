-- CreateEnum
CREATE TYPE "WeeklyActionStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "WeeklyDecision" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "weekStart" TIMESTAMP(3) NOT NULL,
    "lineKey" TEXT NOT NULL,
    "lineText" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WeeklyDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklyAction" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "weekStart" TIMESTAMP(3) NOT NULL,
    "lineKey" TEXT NOT NULL,
    "lineText" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "WeeklyActionStatus" NOT NULL DEFAULT 'OPEN',
    "doneAt" TIMESTAMP(3),
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WeeklyAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WeeklyDecision_serviceId_weekStart_idx" ON "WeeklyDecision"("serviceId", "weekStart");

-- CreateIndex
CREATE INDEX "WeeklyAction_serviceId_status_idx" ON "WeeklyAction"("serviceId", "status");

-- CreateIndex
CREATE INDEX "WeeklyAction_serviceId_weekStart_idx" ON "WeeklyAction"("serviceId", "weekStart");

-- AddForeignKey
ALTER TABLE "WeeklyDecision" ADD CONSTRAINT "WeeklyDecision_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyAction" ADD CONSTRAINT "WeeklyAction_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

