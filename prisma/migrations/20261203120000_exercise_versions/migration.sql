-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "exerciseVersion" TEXT;

-- AlterTable
ALTER TABLE "RegradeEntry" ADD COLUMN "newExerciseVersion" TEXT;

-- CreateTable
CREATE TABLE "ContentExercise" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionHash" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "problems" TEXT,
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ExerciseVersion" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "exerciseId" TEXT NOT NULL,
    "files" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ExerciseVersion_exerciseId_createdAt_idx" ON "ExerciseVersion"("exerciseId", "createdAt");

