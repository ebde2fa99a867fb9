@echo off
rem cwm: make the evidence folder skeleton (cwm init): one folder per requirement item, sorted
rem under the sections, each with its requirements.txt note. Nothing existing is overwritten.
rem
rem Drag the folder to make (or an empty one) onto this file, or double-click it and type or
rem drag the folder into the window, then press Enter. Exit code is cwm's.
rem ASCII with CRLF line endings on purpose (see check_all.bat); the messages are cwm's.
setlocal EnableExtensions DisableDelayedExpansion

rem Which cwm: cwm.exe beside this file (the portable folder), else %CWM%, else cwm on PATH.
set "CWM_EXE=cwm"
if defined CWM set "CWM_EXE=%CWM%"
if exist "%~dp0cwm.exe" set "CWM_EXE=%~dp0cwm.exe"

set "FOLDER=%~1"
if not defined FOLDER goto ask
rem "D:\evidence\" would end in \" : strip one trailing backslash
if "%FOLDER:~-1%"=="\" set "FOLDER=%FOLDER:~0,-1%"
"%CWM_EXE%" init "%FOLDER%"
goto done

:ask
rem no folder dropped: cwm asks for one in Chinese
"%CWM_EXE%" init

:done
set "CODE=%ERRORLEVEL%"
pause
exit /b %CODE%
