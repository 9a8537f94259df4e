-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL,
    "runAfter" TIMESTAMP(3) NOT NULL,
    "holder" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("job")
);

