-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "commitSha" TEXT,
ADD COLUMN     "externalKey" TEXT,
ADD COLUMN     "firstCommitAt" TIMESTAMP(3),
ADD COLUMN     "reworkForIncidentId" TEXT,
ADD COLUMN     "serviceId" TEXT,
ALTER COLUMN "releaseId" DROP NOT NULL;

-- Hand-edited: every existing deployment belongs to a release, whose service it takes.
UPDATE "Deployment" d SET "serviceId" = r."serviceId" FROM "Release" r WHERE r."id" = d."releaseId";
ALTER TABLE "Deployment" ALTER COLUMN "serviceId" SET NOT NULL;

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT,
    "url" TEXT,
    "source" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "causedByDeploymentId" TEXT,
    "causeLink" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_serviceId_openedAt_idx" ON "Incident"("serviceId", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_serviceId_key_key" ON "Incident"("serviceId", "key");

-- CreateIndex
CREATE INDEX "Deployment_serviceId_finishedAt_idx" ON "Deployment"("serviceId", "finishedAt");

-- CreateIndex
CREATE INDEX "Deployment_serviceId_commitSha_idx" ON "Deployment"("serviceId", "commitSha");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_serviceId_externalKey_key" ON "Deployment"("serviceId", "externalKey");

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_reworkForIncidentId_fkey" FOREIGN KEY ("reworkForIncidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_causedByDeploymentId_fkey" FOREIGN KEY ("causedByDeploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

