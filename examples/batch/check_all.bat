@echo off
rem cwm: weekly check of the evidence folders on the shared drive (Windows, Task Scheduler).
rem
rem Usage:  check_all.bat "EVIDENCE FOLDER" "REPORT FOLDER"
rem   or:   check_all.bat            (reads the two folders from check_all.cfg next to this file:
rem                                    line 1 the evidence folder, line 2 the report folder)
rem Writes one new dated folder into the report folder (cwm report); the exit code is cwm's:
rem 0 no errors, 1 errors found, 2 bad usage or data. A failed run leaves nothing half-written.
rem This file is ASCII with CRLF line endings on purpose: cmd reads it in the console's code
rem page (often GBK), so Chinese paths come in as arguments or from check_all.cfg, never here.
rem Set CWM to the full path of cwm.exe when it is not on PATH (e.g. the portable folder).
setlocal EnableExtensions DisableDelayedExpansion
chcp 65001 >nul

set "EVIDENCE=%~1"
set "REPORTS=%~2"
if not defined EVIDENCE if exist "%~dp0check_all.cfg" (
  for /f "usebackq delims=" %%L in ("%~dp0check_all.cfg") do (
    if not defined EVIDENCE (set "EVIDENCE=%%L") else if not defined REPORTS set "REPORTS=%%L"
  )
)
if not defined EVIDENCE goto usage
if not defined REPORTS goto usage

rem "D:\evidence\" would end in \" : strip one trailing backslash
if "%EVIDENCE:~-1%"=="\" set "EVIDENCE=%EVIDENCE:~0,-1%"
if "%REPORTS:~-1%"=="\" set "REPORTS=%REPORTS:~0,-1%"
if not defined CWM set "CWM=cwm"

"%CWM%" report "%EVIDENCE%" --output "%REPORTS%"
exit /b %ERRORLEVEL%

:usage
echo Usage: check_all.bat "EVIDENCE FOLDER" "REPORT FOLDER"  (or put them in check_all.cfg) 1>&2
exit /b 2
