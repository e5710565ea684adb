-- AlterTable
ALTER TABLE "Draft" DROP CONSTRAINT "Draft_pkey",
ADD CONSTRAINT "Draft_pkey" PRIMARY KEY ("userId", "itemId", "language");
