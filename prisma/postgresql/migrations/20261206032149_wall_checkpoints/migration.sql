-- CreateTable
CREATE TABLE "WallCheckpoint" (
    "serviceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,

    CONSTRAINT "WallCheckpoint_pkey" PRIMARY KEY ("serviceId","seq")
);

-- CreateIndex
CREATE INDEX "WallCheckpoint_serviceId_at_idx" ON "WallCheckpoint"("serviceId", "at");

-- AddForeignKey
ALTER TABLE "WallCheckpoint" ADD CONSTRAINT "WallCheckpoint_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

