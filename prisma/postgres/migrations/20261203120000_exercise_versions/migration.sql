-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "exerciseVersion" TEXT;

-- AlterTable
ALTER TABLE "RegradeEntry" ADD COLUMN     "newExerciseVersion" TEXT;

-- CreateTable
CREATE TABLE "ContentExercise" (
    "id" TEXT NOT NULL,
    "versionHash" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "problems" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentExercise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExerciseVersion" (
    "hash" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "files" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExerciseVersion_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "ExerciseVersion_exerciseId_createdAt_idx" ON "ExerciseVersion"("exerciseId", "createdAt");

