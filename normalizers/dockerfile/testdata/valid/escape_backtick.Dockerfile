# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Write-Host one; `
    Write-Host two
COPY C:\src\app C:\app
ENV APP_HOME C:\app
WORKDIR C:\app
