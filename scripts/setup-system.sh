#!/usr/bin/env bash
# Installs the system packages the test suite needs, when they are missing: Chromium (browser
# tests, PDF output), LibreOffice and CJK fonts (DOCX → PDF, .doc input; Noto CJK, which
# LibreOffice embeds as Type 1, and WenQuanYi Zen Hei, a TrueType font embedded as TrueType like
# the 宋体 and 仿宋 of PDFs exported from Word and WPS), poppler-utils
# (pdftotext baseline), qpdf (encrypted PDF test files), pandoc (Markdown written by a real converter),
# PostgreSQL (tests against a real server). Safe to run again.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -d /usr/share/fonts/truetype/wqy ] || need+=(fonts-wqy-zenhei)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v pandoc >/dev/null 2>&1 || need+=(pandoc)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "缺少系统软件包 / missing system packages: ${need[*]} (run as root: apt-get install ${need[*]})" >&2
  exit 1
fi
echo "安装系统软件包 / installing: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
