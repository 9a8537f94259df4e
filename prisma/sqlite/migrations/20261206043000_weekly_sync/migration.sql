-- CreateTable
CREATE TABLE "WeeklyDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "weekStart" DATETIME NOT NULL,
    "lineKey" TEXT NOT NULL,
    "lineText" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "decidedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WeeklyDecision_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WeeklyAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "weekStart" DATETIME NOT NULL,
    "lineKey" TEXT NOT NULL,
    "lineText" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "doneAt" DATETIME,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WeeklyAction_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WeeklyDecision_serviceId_weekStart_idx" ON "WeeklyDecision"("serviceId", "weekStart");

-- CreateIndex
CREATE INDEX "WeeklyAction_serviceId_status_idx" ON "WeeklyAction"("serviceId", "status");

-- CreateIndex
CREATE INDEX "WeeklyAction_serviceId_weekStart_idx" ON "WeeklyAction"("serviceId", "weekStart");

