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
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
