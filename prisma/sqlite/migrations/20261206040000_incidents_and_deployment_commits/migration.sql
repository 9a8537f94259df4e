-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT,
    "url" TEXT,
    "source" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "causedByDeploymentId" TEXT,
    "causeLink" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Incident_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Incident_causedByDeploymentId_fkey" FOREIGN KEY ("causedByDeploymentId") REFERENCES "Deployment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "releaseId" TEXT,
    "environment" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "commitSha" TEXT,
    "firstCommitAt" DATETIME,
    "externalKey" TEXT,
    "reworkForIncidentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deployment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_reworkForIncidentId_fkey" FOREIGN KEY ("reworkForIncidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Hand-edited: every existing deployment belongs to a release, whose service it takes.
INSERT INTO "new_Deployment" ("createdAt", "environment", "finishedAt", "id", "releaseId", "result", "startedAt", "serviceId") SELECT d."createdAt", d."environment", d."finishedAt", d."id", d."releaseId", d."result", d."startedAt", r."serviceId" FROM "Deployment" d JOIN "Release" r ON r."id" = d."releaseId";
DROP TABLE "Deployment";
ALTER TABLE "new_Deployment" RENAME TO "Deployment";
CREATE INDEX "Deployment_releaseId_idx" ON "Deployment"("releaseId");
CREATE INDEX "Deployment_serviceId_finishedAt_idx" ON "Deployment"("serviceId", "finishedAt");
CREATE INDEX "Deployment_serviceId_commitSha_idx" ON "Deployment"("serviceId", "commitSha");
CREATE UNIQUE INDEX "Deployment_serviceId_externalKey_key" ON "Deployment"("serviceId", "externalKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Incident_serviceId_openedAt_idx" ON "Incident"("serviceId", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_serviceId_key_key" ON "Incident"("serviceId", "key");

