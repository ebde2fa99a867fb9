#!/bin/sh
# 创文材料定期检查（POSIX shell，cron 可用）。
#
# 用法：check_all.sh 材料根目录 报告目录
#   对“材料根目录”下各科室的全部材料运行 cwm check，在“报告目录”下新建一个以日期时间命名的
#   文件夹，写入：检查结果.json、检查结果.txt、提交清单.html（含检查结果）。
#   退出码即 cwm check 的退出码：0 没有错误，1 有错误，2 用法或数据错误。
# 环境变量：CWM      cwm 命令（默认 cwm）
#           CWM_DATA 方案数据目录（默认内置数据）
# cwm 只读取材料，不修改；输出文件先写临时文件再改名，不会留下半个文件。
set -u

if [ "$#" -ne 2 ]; then
  echo "用法：$0 材料根目录 报告目录" >&2
  exit 2
fi
evidence=$1
reports=$2
cwm=${CWM:-cwm}

stamp=$(date +%Y-%m-%d_%H%M%S)
out="$reports/$stamp"
mkdir -p "$out" || { echo "无法创建报告目录：$out" >&2; exit 2; }

"$cwm" check "$evidence" --format json --output "$out/检查结果.json"
status=$?
if [ "$status" -ge 2 ]; then
  echo "cwm check 失败（退出码 $status），未生成其余报告。" >&2
  exit "$status"
fi
"$cwm" check "$evidence" --output "$out/检查结果.txt" 2>/dev/null
"$cwm" checklist --year --evidence "$evidence" --output "$out/提交清单.html" || exit $?

echo "报告已写入 $out（cwm check 退出码 $status）"
exit "$status"
