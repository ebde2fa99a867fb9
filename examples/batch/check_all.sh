#!/bin/sh
# 创文材料定期检查（POSIX shell，cron 可用）：一次 cwm report。
#
# 用法：check_all.sh 材料根目录 报告目录
#   在“报告目录”下新建一个以日期时间命名的文件夹（检查结果.html/.xlsx/.json/.txt、提交清单.html、变化.txt），
#   退出码即 cwm report 的退出码：0 没有错误，1 有错误，2 用法或数据错误。失败时不留下半个文件夹。
# cron 不带用户的 PATH：把 CWM 设为 cwm 的完整路径（如 /opt/cwm/venv/bin/cwm），或在 crontab 中设 PATH。
# 环境变量：CWM（cwm 命令）、CWM_DATA（方案数据目录，默认内置数据）。
set -u
if [ "$#" -ne 2 ]; then
  echo "用法：$0 材料根目录 报告目录" >&2
  exit 2
fi
cwm=${CWM:-$(command -v cwm || echo "$(dirname "$0")/cwm")}
exec "$cwm" report "$1" --output "$2"
