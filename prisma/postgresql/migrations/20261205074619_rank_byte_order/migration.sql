-- Backlog ranks are fractional-indexing keys ("a0", "a0V", "a1"...): they sort byte by byte,
-- as JavaScript compares strings. A database created with an ICU or en-US collation sorts
-- them case-insensitively instead ("a0v" beside "a0V"), so `ORDER BY rank` disagreed with the
-- keys the app computes and 80 creates gave 43 duplicate ranks (issue 9). The "C" collation is
-- byte order on every PostgreSQL, whatever the database's locale.
-- Hand-written (PostgreSQL only): Prisma's schema cannot express a column collation, so
-- migrated.prisma does not change and SQLite (byte order, BINARY, by default) needs nothing.
-- The index on (serviceId, rank) is rebuilt with the column.
ALTER TABLE "WorkItem" ALTER COLUMN "rank" SET DATA TYPE TEXT COLLATE "C";
