"""What cwm prints for people: checklists, the fillable inspection sheet, the evidence
skeleton's 要求.txt, the .ics calendar, and the one Jinja2 environment."""
