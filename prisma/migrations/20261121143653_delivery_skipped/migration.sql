-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'SKIPPED';
