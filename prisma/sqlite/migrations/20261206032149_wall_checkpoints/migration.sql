-- CreateTable
CREATE TABLE "WallCheckpoint" (
    "serviceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "state" TEXT NOT NULL,

    PRIMARY KEY ("serviceId", "seq"),
    CONSTRAINT "WallCheckpoint_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WallCheckpoint_serviceId_at_idx" ON "WallCheckpoint"("serviceId", "at");

