@echo off
rem 创文材料定期检查（Windows 批处理，可用“任务计划程序”定时运行）。
rem
rem 用法：check_all.bat 材料根目录 报告目录
rem   对“材料根目录”下各科室的全部材料运行 cwm check，在“报告目录”下新建一个以日期时间命名的
rem   文件夹，写入：检查结果.json、检查结果.txt、提交清单.html（含检查结果）。
rem   退出码即 cwm check 的退出码：0 没有错误，1 有错误，2 用法或数据错误。
rem 环境变量：CWM（cwm 命令，默认 cwm）、CWM_DATA（方案数据目录，默认内置数据）。
rem 本文件须以 UTF-8 保存；chcp 65001 让中文路径和文件名正确显示。
chcp 65001 >nul
setlocal EnableExtensions

if "%~2"=="" (
  echo 用法：%~nx0 材料根目录 报告目录 1>&2
  exit /b 2
)
set "EVIDENCE=%~1"
set "REPORTS=%~2"
if "%CWM%"=="" set "CWM=cwm"

rem 日期时间与区域设置无关
for /f %%i in ('powershell -NoProfile -Command "Get-Date -Format yyyy-MM-dd_HHmmss"') do set "STAMP=%%i"
set "OUT=%REPORTS%\%STAMP%"
mkdir "%OUT%" 2>nul
if not exist "%OUT%\" (
  echo 无法创建报告目录：%OUT% 1>&2
  exit /b 2
)

"%CWM%" check "%EVIDENCE%" --format json --output "%OUT%\检查结果.json"
set "STATUS=%ERRORLEVEL%"
if %STATUS% GEQ 2 (
  echo cwm check 失败（退出码 %STATUS%），未生成其余报告。 1>&2
  exit /b %STATUS%
)
"%CWM%" check "%EVIDENCE%" --output "%OUT%\检查结果.txt" 2>nul
"%CWM%" checklist --year --evidence "%EVIDENCE%" --output "%OUT%\提交清单.html"
if errorlevel 1 exit /b %ERRORLEVEL%

echo 报告已写入 %OUT%（cwm check 退出码 %STATUS%）
exit /b %STATUS%
