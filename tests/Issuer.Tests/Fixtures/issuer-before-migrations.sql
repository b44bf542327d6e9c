PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "AccessTokens" (
    "TokenHash" TEXT NOT NULL CONSTRAINT "PK_AccessTokens" PRIMARY KEY,
    "OfferId" TEXT NULL,
    "KeyThumbprint" TEXT NULL,
    "ClientId" TEXT NULL,
    "PersonId" TEXT NULL,
    "UsesCredentialIdentifiers" INTEGER NOT NULL,
    "ConfigurationIdsJson" TEXT NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS "AuthorizationGrants" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_AuthorizationGrants" PRIMARY KEY,
    "Json" TEXT NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS "DpopProofs" (
    "ProofId" TEXT NOT NULL CONSTRAINT "PK_DpopProofs" PRIMARY KEY,
    "ExpiresAt" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS "IssuedCredentials" (
    "CredentialId" TEXT NOT NULL CONSTRAINT "PK_IssuedCredentials" PRIMARY KEY,
    "OfferId" TEXT NOT NULL,
    "PersonId" TEXT NULL,
    "ConfigurationId" TEXT NOT NULL,
    "StatusListUri" TEXT NOT NULL,
    "StatusIndex" INTEGER NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);
INSERT INTO IssuedCredentials VALUES('credential-before-migrations','offer-before-migrations','kari-nordmann','eu.europa.ec.eudi.pid_vc_sd_jwt','https://issuer.test/status/1',7,1764720000,4102444800);
CREATE TABLE IF NOT EXISTS "Nonces" (
    "Nonce" TEXT NOT NULL CONSTRAINT "PK_Nonces" PRIMARY KEY,
    "ExpiresAt" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS "Offers" (
    "OfferId" TEXT NOT NULL CONSTRAINT "PK_Offers" PRIMARY KEY,
    "CodeHash" TEXT NOT NULL,
    "Code" TEXT NULL,
    "TxCodeHash" TEXT NULL,
    "TxCodeLength" INTEGER NULL,
    "ConfigurationIdsJson" TEXT NOT NULL,
    "PersonId" TEXT NULL,
    "InlineClaimsJson" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "Redeemed" INTEGER NOT NULL,
    "FailedTxCodeAttempts" INTEGER NOT NULL,
    "IsAuthorizationCode" INTEGER NOT NULL
);
INSERT INTO Offers VALUES('offer-before-migrations','code-hash-before','code-before',NULL,NULL,'["eu.europa.ec.eudi.pid_vc_sd_jwt"]','kari-nordmann',NULL,1764720000,4102444800,0,0,0);
CREATE TABLE IF NOT EXISTS "Persons" (
    "PersonId" TEXT NOT NULL CONSTRAINT "PK_Persons" PRIMARY KEY,
    "Description" TEXT NOT NULL,
    "FamilyName" TEXT NOT NULL,
    "GivenName" TEXT NOT NULL,
    "FamilyNameAtBirth" TEXT NULL,
    "GivenNameAtBirth" TEXT NULL,
    "BirthYear" INTEGER NOT NULL,
    "BirthMonth" INTEGER NULL,
    "BirthDay" INTEGER NULL,
    "BirthCountry" TEXT NULL,
    "BirthRegion" TEXT NULL,
    "BirthLocality" TEXT NULL,
    "NationalitiesJson" TEXT NOT NULL,
    "AddressFormatted" TEXT NULL,
    "AddressCountry" TEXT NULL,
    "AddressRegion" TEXT NULL,
    "AddressLocality" TEXT NULL,
    "AddressPostalCode" TEXT NULL,
    "AddressStreet" TEXT NULL,
    "AddressHouseNumber" TEXT NULL,
    "PersonalAdministrativeNumber" TEXT NULL,
    "Sex" INTEGER NULL,
    "EmailAddress" TEXT NULL,
    "MobilePhoneNumber" TEXT NULL
);
INSERT INTO Persons VALUES('amina-haddad','Foreign resident without a personal administrative number','Haddad','Amina',NULL,NULL,1992,9,3,'LB',NULL,'Beirut','["LB"]',NULL,'NO',NULL,'Bergen',NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO Persons VALUES('kari-nordmann','Adult citizen with every optional attribute','Nordmann','Kari','Hansen',NULL,1985,4,12,'NO','Troms','Tromsø','["NO"]',NULL,'NO',NULL,'Oslo','0155','Storgata','1B','12048599937',2,'kari.nordmann@example.org','+4799999999');
INSERT INTO Persons VALUES('ola-minor','Minor (under 18) without e-mail or phone','Nordmann','Ola',NULL,NULL,2014,6,30,'NO',NULL,'Oslo','["NO"]',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'30061499955',1,NULL,NULL);
INSERT INTO Persons VALUES('partial-birthdate','Birth date known only to the year (completed to 1 January)','Ahmadi','Leila',NULL,NULL,1969,NULL,NULL,'AF',NULL,NULL,'["AF","NO"]',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'01016999911',NULL,NULL,NULL);
INSERT INTO Persons VALUES('yusuf-stateless','Stateless person (nationality QS) with an unknown place of birth country','Karimi','Yusuf',NULL,NULL,1978,1,20,NULL,'Unknown region',NULL,'["QS"]',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'20017899822',NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "StatusLists" (
    "Uri" TEXT NOT NULL CONSTRAINT "PK_StatusLists" PRIMARY KEY,
    "Bits" INTEGER NOT NULL,
    "Statuses" BLOB NOT NULL,
    "AllocationBitmap" BLOB NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE INDEX "IX_DpopProofs_ExpiresAt" ON "DpopProofs" ("ExpiresAt");
CREATE INDEX "IX_IssuedCredentials_PersonId" ON "IssuedCredentials" ("PersonId");
CREATE UNIQUE INDEX "IX_Offers_CodeHash" ON "Offers" ("CodeHash");
COMMIT;
