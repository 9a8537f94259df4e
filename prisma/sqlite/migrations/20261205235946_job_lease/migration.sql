-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL PRIMARY KEY,
    "runAfter" DATETIME NOT NULL,
    "holder" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL
);

