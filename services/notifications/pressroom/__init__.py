"""What the press room hands out for a press pack: the chart as PNG (matplotlib), the PDF
(fpdf2) and the Vietnamese HTML page (Jinja2)."""
