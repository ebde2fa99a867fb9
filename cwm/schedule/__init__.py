"""What each unit owes and when: the duties of every plan source, periods and festivals, what
falls due in a period, and the bridge that checks what is due against an evidence folder."""
