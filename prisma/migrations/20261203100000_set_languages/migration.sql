-- AlterTable
ALTER TABLE "ProblemSet" ADD COLUMN "languages" TEXT NOT NULL DEFAULT '';
