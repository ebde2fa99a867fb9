"""The evidence checker: scan a tree, read each file once, run the rules, report.

scan.py      the one folder walker: requirement folders by id, file kinds, stray files
readers/     text of reports (docx, pdf, doc/wps, txt/md), photo facts, table cells
wordcount.py Word's 字数
captions.py  caption fields from file names or a captions table (照片说明.xlsx, captions.csv…)
rules/       one module per rule; the registry in rules/__init__.py
engine.py    per requirement: gather, run rules, stamp code and severity, decide status
"""
