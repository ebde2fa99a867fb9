@echo off
rem cwm: check the evidence folders on the shared drive and write a dated report (cwm report).
rem
rem Usage:  check_all.bat "EVIDENCE FOLDER" "REPORT FOLDER"
rem   or:   check_all.bat            (the two folders from check_all.cfg beside this file:
rem                                    line 1 the evidence folder, line 2 the report folder;
rem                                    Notepad's UTF-8, UTF-8 with BOM or ANSI/GBK all work)
rem   Task Scheduler: check_all.bat /auto   (never waits for a key)
rem Exit code is cwm's: 0 no errors, 1 errors found, 2 bad usage or data.
rem
rem This file is ASCII with CRLF line endings on purpose: cmd reads it in the console's code
rem page (often GBK). Chinese paths come in as arguments or from check_all.cfg, which cwm
rem itself reads; every message, Chinese included, is cwm's. The code page is never changed.
setlocal EnableExtensions DisableDelayedExpansion

rem Which cwm: cwm.exe beside this file (the portable folder), else %CWM%, else cwm on PATH.
set "CWM_EXE=cwm"
if defined CWM set "CWM_EXE=%CWM%"
if exist "%~dp0cwm.exe" set "CWM_EXE=%~dp0cwm.exe"

rem Wait for a key at the end only when Explorer opened the window for this script (a
rem double-click: cmd /c ""...check_all.bat" "); not when typed at a prompt, not when started
rem from PowerShell or another program (cmd /c "..." without the doubled quote), and not with
rem /auto (Task Scheduler). The command line is compared by delayed expansion, never echoed:
rem a path with & or ) in it stays text. timeout, not pause: with no console input it
rem returns at once instead of hanging a scheduled task.
set "WAIT="
setlocal EnableDelayedExpansion
set "LINE=!CMDCMDLINE!"
if not "!LINE: /c ""=!"=="!LINE!" (endlocal & set "WAIT=1") else endlocal
if /i "%~1"=="/auto" (
  set "WAIT="
  shift
)

if "%~1"=="" goto from_cfg
set "EVIDENCE=%~1"
set "REPORTS=%~2"
rem "D:\evidence\" would end in \" : strip one trailing backslash
if "%EVIDENCE:~-1%"=="\" set "EVIDENCE=%EVIDENCE:~0,-1%"
if defined REPORTS if "%REPORTS:~-1%"=="\" set "REPORTS=%REPORTS:~0,-1%"
if not defined REPORTS goto beside
"%CWM_EXE%" report "%EVIDENCE%" --output "%REPORTS%"
goto done

:beside
rem one folder: the report goes into a folder beside it
"%CWM_EXE%" report "%EVIDENCE%"
goto done

:from_cfg
rem no folders given: cwm reads check_all.cfg, or says in Chinese what to write in it
"%CWM_EXE%" report --folders-from "%~dp0check_all.cfg"

:done
set "CODE=%ERRORLEVEL%"
if defined WAIT timeout /t 600
exit /b %CODE%
