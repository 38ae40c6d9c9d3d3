"""PDF from HTML by WeasyPrint, tagged for accessibility (PDF/UA)."""

import logging

# WeasyPrint reports every layout step at INFO: noise on a command's stderr and in the logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
