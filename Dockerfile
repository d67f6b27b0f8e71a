# The dashboard image: the app as published, with the repository's top-level appsettings.json and wwwroot.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Dashboard.Web/Dashboard.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The top-level files are the ones the app uses; publish output already holds the library assets under wwwroot/.
COPY appsettings.json ./appsettings.json
COPY wwwroot/ ./wwwroot/
# `Urls`, not ASPNETCORE_URLS: appsettings.json sets Urls (loopback:5080, for `dotnet run`), and the app's settings
# override the ASPNETCORE_-prefixed variables, while an unprefixed variable overrides appsettings.json.
ENV Urls=http://+:8080 \
    Storage__DataDirectory=/data
# The app runs as $APP_UID: the data directory must be its own before the volume is declared (a named volume starts
# as a copy of this directory, ownership included).
RUN mkdir -p /data && chown $APP_UID /data
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
