#!/usr/bin/env bash
# Regenerates tests/fixtures/real/: files written by real office software (LibreOffice, Debian's
# libreoffice-writer-nogui / libreoffice-calc-nogui, offline) and two phone/camera samples, with
# what independent tools read from them (expected.json). The tests only read these files.
#   apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libimage-exiftool-perl
#   tools/make_real_fixtures.sh [path of a checkout of github.com/ianare/exif-samples]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures/real"
samples="${1:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > 说明报告.txt <<'TXT'
关于2021年养老服务体系建设情况的说明报告

2021年，我局认真贯彻落实《资阳市推进养老服务发展责任分工方案》（资府办发〔2020〕28号），出台政策、建立制度，投入资金1200万元，建成社区养老服务综合体5个、农村区域养老服务中心4个，完成18个农村敬老院适老化改造。

一是完善政策制度。印发养老服务综合监管制度实施办法，明确部门职责分工，建立养老机构等级评定和质量考核机制。

二是加大资金支持。争取中央和省级资金800万元，市级配套400万元，用于社区养老设施建设和运营补贴。

三是强化监督指导。开展养老机构安全隐患排查整治，督导检查养老机构42家次，整改问题37个。

下一步，我们将继续推进养老服务体系建设，让老年人老有所养、老有所依。
TXT
# Writer: the text as a document, saved in the formats offices exchange
soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to odt 说明报告.txt >/dev/null
soffice --headless --convert-to "doc:MS Word 97" 说明报告.odt >/dev/null
soffice --headless --convert-to "docx:MS Word 2007 XML" 说明报告.odt >/dev/null
soffice --headless --convert-to pdf 说明报告.odt >/dev/null

cat > 志愿者数据.csv <<'CSV'
指标,数值
常住人口（人）,2305000
注册志愿者人数,322700
有志愿服务时间记录的志愿者人数,190393
CSV
# Calc: the table in every spreadsheet format
soffice --headless --infilter="CSV:44,34,76,1" --convert-to ods 志愿者数据.csv >/dev/null
soffice --headless --convert-to "xls:MS Excel 97" 志愿者数据.ods >/dev/null
soffice --headless --convert-to "xlsx:Calc MS Excel 2007 XML" 志愿者数据.ods >/dev/null

# A sheet whose used range is far larger than its cells (a value typed at IV65536), saved by Calc as
# Excel 97: its DIMENSIONS record declares 65,536 × 256 cells
python3 -c "
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws['A1'] = '指标'; ws['B1'] = '数值'; ws['A2'] = '注册志愿者人数'; ws['B2'] = 322700; ws['IV65536'] = 'x'
wb.save('宽表.xlsx')"
soffice --headless --convert-to "xls:MS Excel 97" 宽表.xlsx >/dev/null

mkdir -p out
cp 宽表.xls out/
cp 说明报告.odt 说明报告.doc 说明报告.docx 说明报告.pdf 志愿者数据.ods 志愿者数据.xls 志愿者数据.xlsx out/
# What LibreOffice itself reads back: the text of each document, the cells of each table
for f in 说明报告.doc 说明报告.docx; do
  soffice --headless --infilter="" --convert-to "txt:Text (encoded):UTF8" --outdir "txt-${f##*.}" "$f" >/dev/null
done
for f in 志愿者数据.xls 志愿者数据.ods 志愿者数据.xlsx; do
  soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir "csv-${f##*.}" "$f" >/dev/null
done
if [ -n "$samples" ]; then
  cp "$samples/heic/IMG_5195.HEIC" out/iphone.heic
  cp "$samples/jpg/orientation/landscape_1.jpg" out/orientation_1.jpg
  cp "$samples/jpg/orientation/landscape_6.jpg" out/orientation_6.jpg
  cp "$samples/jpg/orientation/landscape_8.jpg" out/orientation_8.jpg
fi
python3 - "$here" <<'PY'
import csv, json, pathlib, subprocess, sys
out = {}
for ext in ("doc", "docx"):
    text = pathlib.Path(f"txt-{ext}/说明报告.txt").read_text(encoding="utf-8-sig")
    out[f"说明报告.{ext}"] = {"text_by": "LibreOffice txt export", "text": text}
for ext in ("xls", "ods", "xlsx"):
    rows = list(csv.reader(open(f"csv-{ext}/志愿者数据.csv", encoding="utf-8")))
    out[f"志愿者数据.{ext}"] = {"cells_by": "LibreOffice csv export", "rows": rows}
for name in ("iphone.heic", "orientation_1.jpg", "orientation_6.jpg", "orientation_8.jpg"):
    if pathlib.Path("out", name).exists():
        meta = json.loads(subprocess.run(["exiftool", "-j", "-n", "-ImageWidth", "-ImageHeight",
                        "-DateTimeOriginal", "-Orientation", f"out/{name}"], capture_output=True, text=True).stdout)[0]
        out[name] = {"by": "exiftool", **{k: meta.get(k) for k in ("ImageWidth", "ImageHeight", "DateTimeOriginal", "Orientation")}}
target = pathlib.Path(sys.argv[1])
for f in pathlib.Path("out").iterdir():
    (target / f.name).write_bytes(f.read_bytes())
(target / "expected.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
PY
echo "written to $here"
