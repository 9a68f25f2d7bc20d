# syntax=docker/dockerfile:1
# syntax=docker/dockerfile:1.7
# escape=x
# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
RUN echo one `
    two
