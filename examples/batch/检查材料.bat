@echo off
rem cwm: check one evidence folder and open the result in the browser.
rem
rem Drag a folder onto this file (or double-click it and drag or paste the folder into the
rem window, then press Enter). The report goes into a new folder beside the evidence folder
rem ("<folder>_<check results>\<date>\"), and its HTML page opens in the browser.
rem Exit code is cwm's: 0 no errors, 1 errors found, 2 bad usage or data.
rem
rem ASCII with CRLF line endings on purpose (cmd reads it in the console's code page); the
rem Chinese prompt and messages are cwm's own. The console code page is never changed.
setlocal EnableExtensions DisableDelayedExpansion

rem Which cwm: cwm.exe beside this file (the portable folder), else %CWM%, else cwm on PATH.
set "CWM_EXE=cwm"
if defined CWM set "CWM_EXE=%CWM%"
if exist "%~dp0cwm.exe" set "CWM_EXE=%~dp0cwm.exe"

set "FOLDER=%~1"
if not defined FOLDER goto ask
rem "D:\evidence\" would end in \" : strip one trailing backslash
if "%FOLDER:~-1%"=="\" set "FOLDER=%FOLDER:~0,-1%"
"%CWM_EXE%" report "%FOLDER%" --open
goto done

:ask
rem no folder dropped: cwm asks for one in Chinese
"%CWM_EXE%" report --open

:done
set "CODE=%ERRORLEVEL%"
pause
exit /b %CODE%
