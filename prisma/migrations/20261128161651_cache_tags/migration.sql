-- CreateTable
CREATE TABLE "CacheTag" (
    "tag" TEXT NOT NULL,
    "version" BIGSERIAL NOT NULL,
    "invalidatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expireSeconds" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CacheTag_pkey" PRIMARY KEY ("tag")
);

-- CreateTable
CREATE TABLE "SharedSetting" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SharedSetting_pkey" PRIMARY KEY ("name")
);
