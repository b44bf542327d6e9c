# syntax=docker/dockerfile:1
# The Issuer as a container: docker build -f deploy/Issuer.Dockerfile -t wallet-issuer .   (from the repository root)
# What the image runs is the `dotnet publish` output of src/Issuer; tests/Wallet.Cli.Tests/ContainerSettingsTests starts
# that output with the settings of deploy/compose.yaml, since CI machines cannot run Docker.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files only, so that a source change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.props src/BannedSymbols.txt src/
COPY src/Wallet.Core/Wallet.Core.csproj src/Wallet.Core/
COPY src/Wallet.Hosting/Wallet.Hosting.csproj src/Wallet.Hosting/
COPY src/Wallet.Issuer.Hosting/Wallet.Issuer.Hosting.csproj src/Wallet.Issuer.Hosting/
COPY src/Issuer/Issuer.csproj src/Issuer/
RUN dotnet restore src/Issuer/Issuer.csproj
COPY src/ src/
RUN dotnet publish src/Issuer/Issuer.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for HEALTHCHECK (the runtime image has no HTTP client). A PKCS#11 module for HSM keys is mounted, not installed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# The data folder (generated development material, SQLite when no database server is configured) belongs to the
# non-root user the image runs as ($APP_UID, "app", from the base image).
RUN mkdir -p /var/lib/wallet/issuer && chown $APP_UID /var/lib/wallet/issuer
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Issuer__DataDirectory=/var/lib/wallet/issuer \
    HEALTH_PATH=/health/ready
EXPOSE 8080
# TLS ends at the reverse proxy in front (Issuer:IssuerUrl / Verifier:PublicBaseUrl are its https addresses).
# Ready = database reachable and signing keys usable (a probe signature, through the HSM for token keys).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://localhost:8080${HEALTH_PATH}" > /dev/null || exit 1
ENTRYPOINT ["dotnet", "Issuer.dll"]
