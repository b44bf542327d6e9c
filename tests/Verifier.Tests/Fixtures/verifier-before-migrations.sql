PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "EphemeralKeys" (
    "TransactionId" TEXT NOT NULL CONSTRAINT "PK_EphemeralKeys" PRIMARY KEY,
    "KeyId" TEXT NOT NULL,
    "Pkcs8" BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS "Events" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_Events" PRIMARY KEY AUTOINCREMENT,
    "TransactionId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Detail" TEXT NULL
);
INSERT INTO Events VALUES(1,'tx-before-migrations',1764720000000,'created',NULL);
CREATE TABLE IF NOT EXISTS "Nonces" (
    "Value" TEXT NOT NULL CONSTRAINT "PK_Nonces" PRIMARY KEY,
    "ExpiresAt" INTEGER NOT NULL,
    "Consumed" INTEGER NOT NULL
);
INSERT INTO Nonces VALUES('nonce-before',4102444800000,0);
CREATE TABLE IF NOT EXISTS "Transactions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Transactions" PRIMARY KEY,
    "RequestId" TEXT NOT NULL,
    "RelyingPartyId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "ResponseMode" TEXT NOT NULL,
    "RequestUriMethod" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "Nonce" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "DcqlQuery" TEXT NOT NULL,
    "RedirectUri" TEXT NULL,
    "ResponseCodeHash" BLOB NULL,
    "ResultJson" TEXT NULL
);
INSERT INTO Transactions VALUES('tx-before-migrations','req-before-migrations','rp',1764720000000,4102444800000,0,'direct_post.jwt','post','x509_hash:abc','nonce-before','state-before','{}',NULL,NULL,NULL);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('Events',1);
CREATE INDEX "IX_Events_TransactionId" ON "Events" ("TransactionId");
CREATE INDEX "IX_Nonces_ExpiresAt" ON "Nonces" ("ExpiresAt");
CREATE INDEX "IX_Transactions_ExpiresAt" ON "Transactions" ("ExpiresAt");
CREATE UNIQUE INDEX "IX_Transactions_RequestId" ON "Transactions" ("RequestId");
COMMIT;
