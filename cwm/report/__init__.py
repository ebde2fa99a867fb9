"""``cwm report``: the dated report folder (web page, workbook, JSON, text), the comparison with
the previous report, and the 整改台账 carried from one workbook to the next."""
