-- Run once by the postgres image, as POSTGRES_USER, when it initialises an empty data volume (compose.yaml mounts it
-- into /docker-entrypoint-initdb.d). POSTGRES_DB is the issuer's database; the Verifier gets its own, because both
-- services have tables, and an EF Core migration history, of the same names (specs/database.md).
-- tests/Wallet.Cli.Tests/ContainerSettingsTests runs this file against the CI's PostgreSQL.
CREATE DATABASE verifier;
